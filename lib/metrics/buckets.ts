// Histogram buckets shared by the metric sets. Client-safe constants.

/** Seconds: retrieval and checks take milliseconds, a model on a CPU can take minutes. */
export const DURATION_BUCKETS_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

/** Judge scores are 0-5; 2.5 and 4 are the default warn and allow cut-offs, so they are edges too. */
export const SCORE_BUCKETS = [1, 2, 2.5, 3, 3.5, 4, 4.5, 5];
