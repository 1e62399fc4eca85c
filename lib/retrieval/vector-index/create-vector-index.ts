import "server-only";
import { BuiltinVectorIndex } from "@/lib/retrieval/vector-index/builtin-vector-index";
import { checkVectorSet } from "@/lib/retrieval/vector-index/check-arguments";
import { FaissNodeVectorIndex, faissIndexClass, resolveBackend } from "@/lib/retrieval/vector-index/faiss-node-index";
import type { VectorBackend, VectorIndex, VectorSet } from "@/lib/retrieval/vector-index/types";
import { encodeFlatIndex } from "@/lib/retrieval/vector-index/write-vector-index";

/** An in-memory flat index over `vectors` (count x dimension floats, row-major), copied once into the backend. */
export function createVectorIndex(options: VectorSet & { backend?: "auto" | VectorBackend }): VectorIndex {
  const count = checkVectorSet(options);
  const backend = resolveBackend(options.backend);
  switch (backend) {
    case "builtin": {
      const index = new BuiltinVectorIndex(options.metric, options.dimension, count);
      index.vectors.set(options.vectors);
      return index;
    }
    case "faiss-node":
      return new FaissNodeVectorIndex(faissIndexClass(options.metric).fromBuffer(encodeFlatIndex(options)), options.metric);
  }
}
