import type { VectorIndex, VectorSet } from "@/lib/retrieval/vector-index/types";

// Argument checks shared by every backend, so both fail the same way.

/** How many results a search returns (k clamped to the index size); throws on a query of the wrong shape or a bad k. */
export function checkSearchArguments(index: Pick<VectorIndex, "dimension" | "count">, query: Float32Array, k: number): number {
  if (!(query instanceof Float32Array)) throw new Error("The query must be a Float32Array");
  if (query.length !== index.dimension) {
    throw new Error(`The query has dimension ${query.length} but the index has dimension ${index.dimension}; embed it with the model that built the index`);
  }
  if (!Number.isInteger(k) || k < 0) throw new Error(`k must be a whole number of results (0 or more), not ${k}`);
  return Math.min(k, index.count);
}

/** The number of vectors in a set; throws saying what is wrong with its metric, dimension or length. */
export function checkVectorSet({ metric, dimension, vectors }: VectorSet): number {
  if (metric !== "inner_product" && metric !== "l2") throw new Error(`Unknown metric "${String(metric)}"; use "inner_product" or "l2"`);
  if (!Number.isInteger(dimension) || dimension <= 0) throw new Error(`The dimension must be a positive whole number, not ${dimension}`);
  if (!(vectors instanceof Float32Array)) throw new Error("The vectors must be a Float32Array of count x dimension floats, row-major");
  if (vectors.length % dimension !== 0) {
    throw new Error(`${vectors.length} floats are not a whole number of vectors of dimension ${dimension}`);
  }
  return vectors.length / dimension;
}
