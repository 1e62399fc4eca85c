// The retrieval store's vector index: FAISS flat index files (IndexFlatIP,
// IndexFlatL2) searched by a built-in WebAssembly SIMD scan or, when it is
// built, by native FAISS through faiss-node. Both give the same results.

export { createVectorIndex } from "@/lib/retrieval/vector-index/create-vector-index";
export { isFaissNodeAvailable } from "@/lib/retrieval/vector-index/faiss-node-index";
export { loadVectorIndex } from "@/lib/retrieval/vector-index/load-vector-index";
export type { Metric, SearchResult, VectorBackend, VectorIndex, VectorSet } from "@/lib/retrieval/vector-index/types";
export { writeVectorIndex } from "@/lib/retrieval/vector-index/write-vector-index";
