import "server-only";
import { checkSearchArguments } from "@/lib/retrieval/vector-index/check-arguments";
import type { Metric, SearchResult, VectorBackend, VectorIndex } from "@/lib/retrieval/vector-index/types";

// The optional faiss-node addon (native FAISS). It cannot install itself here,
// so it is loaded lazily and only when asked for; scripts/build-faiss-node.sh
// builds it against Debian's libfaiss-dev.

/** The part of faiss-node 0.5.1's API (lib/index.d.ts) used here. */
type FaissIndex = {
  ntotal(): number;
  getDimension(): number;
  search(x: number[], k: number): { distances: number[]; labels: number[] };
};
type FaissIndexClass = { read(path: string): FaissIndex; fromBuffer(bytes: Buffer): FaissIndex };
type FaissNode = { IndexFlatIP: FaissIndexClass; IndexFlatL2: FaissIndexClass };

// Node's require, reached through process.getBuiltinModule so that bundlers do
// not try to resolve the native addon at build time (it is usually absent).
const requireAtRuntime = process.getBuiltinModule("node:module").createRequire(import.meta.url);
let loaded: { module: FaissNode } | { error: string } | undefined;

function loadFaissNode(): { module: FaissNode } | { error: string } {
  if (!loaded) {
    try {
      loaded = { module: requireAtRuntime("faiss-node") as FaissNode };
    } catch (error) {
      loaded = { error: (error as Error).message.split("\n")[0] ?? String(error) };
    }
  }
  return loaded;
}

/** Whether the optional faiss-node addon is installed and loads. */
export function isFaissNodeAvailable(): boolean {
  return "module" in loadFaissNode();
}

/** The backend a choice means: "auto" prefers faiss-node when it loads; asking for a missing faiss-node throws how to build it. */
export function resolveBackend(choice: "auto" | VectorBackend = "auto"): VectorBackend {
  switch (choice) {
    case "auto":
      return isFaissNodeAvailable() ? "faiss-node" : "builtin";
    case "faiss-node":
      requireFaissNode();
      return choice;
    case "builtin":
      return choice;
    default:
      throw new Error(`Unknown vector backend "${String(choice)}"; use "auto", "builtin" or "faiss-node"`);
  }
}

/** The faiss-node index class for a metric. */
export function faissIndexClass(metric: Metric): FaissIndexClass {
  const module = requireFaissNode();
  return metric === "inner_product" ? module.IndexFlatIP : module.IndexFlatL2;
}

function requireFaissNode(): FaissNode {
  const result = loadFaissNode();
  if ("error" in result) {
    throw new Error(
      `The faiss-node backend is not available (${result.error}). It is an optional dependency that cannot install itself here: ` +
        `run "apt-get install libfaiss-dev" and then "scripts/build-faiss-node.sh", or use the built-in backend.`,
    );
  }
  return result.module;
}

/** A flat index searched by native FAISS through faiss-node. */
export class FaissNodeVectorIndex implements VectorIndex {
  readonly backend = "faiss-node" as const;
  readonly dimension: number;
  readonly count: number;

  constructor(
    private readonly index: FaissIndex,
    readonly metric: Metric,
  ) {
    this.dimension = index.getDimension();
    this.count = index.ntotal();
  }

  search(query: Float32Array, k: number): SearchResult {
    const limit = checkSearchArguments(this, query, k);
    if (limit === 0) return { ids: [], scores: [] };
    const values = Array.from(query);
    // FAISS breaks ties at the k-th place arbitrarily: ask for one more result, and
    // while the last two tie, for twice as many, so that every tied id is seen.
    let asked = Math.min(limit + 1, this.count);
    let found = this.index.search(values, asked);
    while (asked < this.count && found.distances[asked - 1] === found.distances[limit - 1]) {
      asked = Math.min(asked * 2, this.count);
      found = this.index.search(values, asked);
    }
    const better = this.metric === "inner_product" ? 1 : -1;
    const order = found.labels
      .map((id, i) => ({ id, score: found.distances[i] ?? Number.NaN }))
      .sort((a, b) => better * (b.score - a.score) || a.id - b.id)
      .slice(0, limit);
    return { ids: order.map((r) => r.id), scores: order.map((r) => r.score) };
  }
}
