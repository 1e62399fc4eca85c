// Measures flat vector search, top-k 12: p50, p95 and max latency of the
// built-in backend and faiss-node side by side in one run, on the seed store
// (905 x 384) and on 100,000 synthetic unit vectors of dimension 384.
// Targets at 100,000 vectors: built-in p95 at most 15 ms and at most 3x faiss-node's.
//
//   scripts/build-faiss-node.sh && npm run bench:vectors
import { mkdirSync, writeFileSync } from "node:fs";
import { type VectorBackend, type VectorIndex, createVectorIndex, isFaissNodeAvailable, loadVectorIndex } from "@/lib/retrieval/vector-index";
import { corpusPath } from "../tests/support/shared-corpus";
import { randomVectors } from "../tests/support/vector-data";

const DIMENSION = 384;
const LARGE_COUNT = 100_000;
const TOP_K = 12;
const WARM_UP = 20; // lets V8 tier the WebAssembly kernel up before timing
const SEARCHES = { seed: 1000, large: 300 };
const TARGET_P95_MS = 15;
const TARGET_RATIO = 3;

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * fraction) - 1)] ?? Number.NaN;
}

function summarise(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (value: number) => Math.round(value * 100) / 100;
  return { searches: samples.length, p50: round(percentile(sorted, 0.5)), p95: round(percentile(sorted, 0.95)), max: round(sorted.at(-1) ?? 0) };
}

/** Times every query on each index, alternating backends query by query so both see the same machine state. */
function timeSearches(indexes: VectorIndex[], queries: Float32Array, searches: number) {
  const samples = indexes.map(() => [] as number[]);
  for (let i = 0; i < WARM_UP + searches; i += 1) {
    const row = i % (queries.length / DIMENSION);
    const query = queries.subarray(row * DIMENSION, (row + 1) * DIMENSION);
    indexes.forEach((index, n) => {
      const started = performance.now();
      index.search(query, TOP_K);
      if (i >= WARM_UP) samples[n]!.push(performance.now() - started);
    });
  }
  return Object.fromEntries(indexes.map((index, n) => [index.backend, summarise(samples[n]!)])) as Partial<Record<VectorBackend, ReturnType<typeof summarise>>>;
}

const backends: VectorBackend[] = isFaissNodeAvailable() ? ["builtin", "faiss-node"] : ["builtin"];
if (backends.length === 1) console.warn("faiss-node is not built (scripts/build-faiss-node.sh): measuring the built-in backend only.");
const queries = randomVectors(200, DIMENSION, 7, true);

const seedPath = corpusPath("seed_store/index.faiss");
const seed = timeSearches(await Promise.all(backends.map((backend) => loadVectorIndex(seedPath, { backend }))), queries, SEARCHES.seed);

const vectors = randomVectors(LARGE_COUNT, DIMENSION, 1, true);
const large = timeSearches(
  backends.map((backend) => createVectorIndex({ metric: "inner_product", dimension: DIMENSION, vectors, backend })),
  queries,
  SEARCHES.large,
);

const ratio = (run: typeof large) => (run["faiss-node"] && run.builtin ? Math.round((run.builtin.p95 / run["faiss-node"].p95) * 100) / 100 : null);
const result = {
  measuredAt: new Date().toISOString(),
  machine: `${process.platform} ${process.arch}, Node ${process.version}`,
  topK: TOP_K,
  seedStore: { vectors: 905, dimension: DIMENSION, ...seed, builtinToFaissNodeP95: ratio(seed) },
  synthetic: { vectors: LARGE_COUNT, dimension: DIMENSION, ...large, builtinToFaissNodeP95: ratio(large) },
  targets: { builtinP95Ms: TARGET_P95_MS, builtinToFaissNodeP95: TARGET_RATIO },
};

console.table(Object.fromEntries(backends.flatMap((backend) => [[`seed store, ${backend}`, seed[backend]], [`${LARGE_COUNT} vectors, ${backend}`, large[backend]]])));
const builtinP95 = large.builtin?.p95 ?? Number.NaN;
console.log(`Built-in p95 at ${LARGE_COUNT} vectors: ${builtinP95} ms, ${builtinP95 <= TARGET_P95_MS ? "meets" : "MISSES"} the ${TARGET_P95_MS} ms target.`);
const largeRatio = ratio(large);
console.log(
  largeRatio === null
    ? "Ratio to faiss-node not measured: faiss-node is not built."
    : `Built-in p95 is ${largeRatio}x faiss-node's, ${largeRatio <= TARGET_RATIO ? "within" : "OUTSIDE"} the ${TARGET_RATIO}x target.`,
);
mkdirSync("bench/results", { recursive: true });
writeFileSync("bench/results/vector-search.json", `${JSON.stringify(result, null, 2)}\n`);
