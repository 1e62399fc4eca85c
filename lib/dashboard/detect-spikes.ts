import { mean, populationStdDev } from "@/lib/pipeline/evaluation/statistics";

// Block-rate spikes: a control-chart rule. A bucket is a spike when its block
// rate rises above the baseline, the block rates of the buckets just before
// it, by more than two standard deviations AND by more than five percentage
// points, with at least two blocked answers. The extra conditions keep one
// unlucky answer, or a wobble around a perfectly steady rate (standard
// deviation 0), from raising an alarm. Pure.

export const SPIKE_RULE = {
  /** The baseline: up to this many buckets before the one checked that have decided answers. */
  baselineBuckets: 7,
  /** Fewer baseline buckets than this: no verdict (too little history). */
  minBaselineBuckets: 3,
  /** How many standard deviations above the baseline's mean. */
  standardDeviations: 2,
  /** The smallest rise above the mean that counts, as a fraction (0.05 = 5 percentage points). */
  minRise: 0.05,
  /** The fewest blocked answers in a spike bucket. */
  minBlocked: 2,
} as const;

export type SpikeRule = typeof SPIKE_RULE;

export type SpikeCheck = {
  /** The baseline the bucket was compared with; null when there was too little history or nothing to compare. */
  baseline: { mean: number; stdDev: number; threshold: number; buckets: number } | null;
  spike: boolean;
};

/** Checks each bucket, in time order, against the buckets before it. `decided` answers, of which `blocked` were blocked. */
export function detectSpikes(points: readonly { decided: number; blocked: number }[], rule: SpikeRule = SPIKE_RULE): SpikeCheck[] {
  const history: number[] = [];
  return points.map((point) => {
    const previous = history.slice(-rule.baselineBuckets);
    let check: SpikeCheck = { baseline: null, spike: false };
    if (point.decided > 0 && previous.length >= rule.minBaselineBuckets) {
      const average = mean(previous) as number;
      const stdDev = populationStdDev(previous) as number;
      const threshold = average + Math.max(rule.standardDeviations * stdDev, rule.minRise);
      const rate = point.blocked / point.decided;
      check = { baseline: { mean: average, stdDev, threshold, buckets: previous.length }, spike: rate > threshold && point.blocked >= rule.minBlocked };
    }
    // Empty buckets say nothing about the usual rate, so they stay out of later baselines.
    if (point.decided > 0) history.push(point.blocked / point.decided);
    return check;
  });
}
