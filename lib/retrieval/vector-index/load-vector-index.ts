import "server-only";
import { open } from "node:fs/promises";
import { FLAT_HEADER_BYTES, parseIndexHeader } from "@/lib/retrieval/read-index-header";
import { readBuiltinIndex } from "@/lib/retrieval/vector-index/builtin-vector-index";
import { FaissNodeVectorIndex, faissIndexClass, resolveBackend } from "@/lib/retrieval/vector-index/faiss-node-index";
import type { VectorBackend, VectorIndex } from "@/lib/retrieval/vector-index/types";

/** Loads a FAISS flat index file (IndexFlatIP or IndexFlatL2); throws saying what is wrong with any other file. */
export async function loadVectorIndex(path: string, options: { backend?: "auto" | VectorBackend } = {}): Promise<VectorIndex> {
  const backend = resolveBackend(options.backend);
  const file = await open(path, "r");
  try {
    const { size } = await file.stat();
    const head = Buffer.alloc(FLAT_HEADER_BYTES);
    const { bytesRead } = await file.read(head, 0, FLAT_HEADER_BYTES, 0);
    const header = parseIndexHeader(head.subarray(0, bytesRead), size, path);
    switch (backend) {
      case "builtin":
        return await readBuiltinIndex(file, header, path);
      case "faiss-node":
        return new FaissNodeVectorIndex(faissIndexClass(header.metric).read(path), header.metric);
    }
  } finally {
    await file.close();
  }
}
