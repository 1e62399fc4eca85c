// The contract every vector index backend meets; other retrieval code is written against it.

/** How vectors are compared: inner product (higher is better) or squared L2 distance (lower is better). */
export type Metric = "inner_product" | "l2";

/** Which implementation answers searches. */
export type VectorBackend = "builtin" | "faiss-node";

/** Search results, best first; ids are vector positions 0..count-1. */
export type SearchResult = { ids: number[]; scores: number[] };

/** Options shared by createVectorIndex and writeVectorIndex: `vectors` holds count x dimension floats, row-major. */
export type VectorSet = { metric: Metric; dimension: number; vectors: Float32Array };

/** A flat (exhaustive) index over fixed vectors. */
export interface VectorIndex {
  readonly dimension: number;
  readonly count: number;
  readonly metric: Metric;
  readonly backend: VectorBackend;
  /** The k best vectors for a query: inner product (higher is better) or squared L2 distance (lower is better), as FAISS reports them. k larger than count returns count results. */
  search(query: Float32Array, k: number): SearchResult;
}
