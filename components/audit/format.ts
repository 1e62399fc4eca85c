// Small display formats shared by the audit views. Client-safe.

/** "840 ms" or "12.4 s". */
export function formatDuration(ms: number): string {
  return ms < 1_000 ? `${Math.round(ms)} ms` : `${(ms / 1_000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

/** A passage similarity in [0, 1] as a whole percentage. */
export function formatPercent(score: number): string {
  return `${Math.round(score * 100)}%`;
}

/** Stage names from the latency record, in words. */
export const stageNames: Record<string, string> = {
  retrieval: "Retrieval",
  generation: "Model answer",
  checking: "Checks",
  audit: "Audit write",
};
