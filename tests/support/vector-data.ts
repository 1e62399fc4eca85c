import type { Metric, SearchResult } from "@/lib/retrieval/vector-index";

// Reproducible test vectors and a plain brute-force search to check indexes against.

/** `count` x `dimension` floats in [-0.5, 0.5) from a seeded generator (mulberry32), optionally scaled to unit length. */
export function randomVectors(count: number, dimension: number, seed: number, normalise = false): Float32Array {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32 - 0.5;
  };
  const vectors = new Float32Array(count * dimension).map(next);
  if (normalise) {
    for (let row = 0; row < count; row += 1) {
      const slice = vectors.subarray(row * dimension, (row + 1) * dimension);
      const norm = Math.hypot(...slice);
      slice.forEach((value, i) => (slice[i] = value / norm));
    }
  }
  return vectors;
}

/** Exhaustive search in double precision: best first, equal scores by ascending id. */
export function bruteForceSearch(vectors: Float32Array, dimension: number, metric: Metric, query: Float32Array, k: number): SearchResult {
  const count = vectors.length / dimension;
  const scored = Array.from({ length: count }, (_, id) => {
    let score = 0;
    for (let j = 0; j < dimension; j += 1) {
      const a = vectors[id * dimension + j]!;
      const b = query[j]!;
      score += metric === "inner_product" ? a * b : (a - b) * (a - b);
    }
    return { id, score };
  });
  const better = metric === "inner_product" ? 1 : -1;
  scored.sort((a, b) => better * (b.score - a.score) || a.id - b.id);
  const best = scored.slice(0, k);
  return { ids: best.map((r) => r.id), scores: best.map((r) => r.score) };
}

/** Whether two score lists agree to `tolerance`, relative to each score's size (at least 1). */
export function scoresAgree(actual: number[], expected: number[], tolerance = 1e-5): boolean {
  return actual.length === expected.length && actual.every((score, i) => Math.abs(score - expected[i]!) <= tolerance * Math.max(1, Math.abs(expected[i]!)));
}

/** Row `row` of a row-major vector set. */
export function vectorAt(vectors: Float32Array, dimension: number, row: number): Float32Array {
  return vectors.slice(row * dimension, (row + 1) * dimension);
}
