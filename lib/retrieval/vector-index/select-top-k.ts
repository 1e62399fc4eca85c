import type { Metric, SearchResult } from "@/lib/retrieval/vector-index/types";

// Picks the k best of n scores with a bounded heap (O(n log k), one pass, no
// copy of the scores) rather than sorting all n. Equal scores rank by
// ascending id, the order both backends report.

/** The `k` best of `scores` (one per vector id), best first: highest for inner product, lowest for L2. */
export function selectTopK(scores: Float32Array, k: number, metric: Metric): SearchResult {
  const limit = Math.min(k, scores.length);
  if (limit <= 0) return { ids: [], scores: [] };
  const sign = metric === "inner_product" ? 1 : -1;
  // A min-heap on (key, -id): the root is the worst kept result, the one to evict.
  const keys = new Float64Array(limit);
  const ids = new Int32Array(limit);
  let size = 0;
  const worse = (a: number, b: number) => keys[a]! < keys[b]! || (keys[a] === keys[b] && ids[a]! > ids[b]!);
  const swap = (a: number, b: number) => {
    [keys[a], keys[b]] = [keys[b]!, keys[a]!];
    [ids[a], ids[b]] = [ids[b]!, ids[a]!];
  };
  for (let id = 0; id < scores.length; id += 1) {
    const key = sign * scores[id]!;
    if (size < limit) {
      keys[size] = key;
      ids[size] = id;
      for (let child = size; child > 0 && worse(child, (child - 1) >> 1); child = (child - 1) >> 1) swap(child, (child - 1) >> 1);
      size += 1;
    } else if (key > keys[0]!) {
      // Scores arrive by ascending id, so an equal key always loses to the kept one.
      keys[0] = key;
      ids[0] = id;
      siftDown(limit, worse, swap);
    }
  }
  const order = Array.from({ length: size }, (_, i) => i).sort((a, b) => keys[b]! - keys[a]! || ids[a]! - ids[b]!);
  const best = order.map((i) => ids[i]!);
  return { ids: best, scores: best.map((id) => scores[id]!) };
}

/** Restores the heap after its root was replaced. */
function siftDown(size: number, worse: (a: number, b: number) => boolean, swap: (a: number, b: number) => void): void {
  for (let parent = 0; ; ) {
    const left = 2 * parent + 1;
    const right = left + 1;
    let worst = parent;
    if (left < size && worse(left, worst)) worst = left;
    if (right < size && worse(right, worst)) worst = right;
    if (worst === parent) return;
    swap(parent, worst);
    parent = worst;
  }
}
