import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type Metric, type VectorIndex, createVectorIndex, isFaissNodeAvailable, loadVectorIndex, writeVectorIndex } from "@/lib/retrieval/vector-index";
import { corpusPath } from "../support/shared-corpus";
import { randomVectors, scoresAgree, vectorAt } from "../support/vector-data";

// Checks the vector index against real FAISS: Python's faiss (Debian's
// python3-faiss, the format's reference) and the faiss-node addon. CI builds
// faiss-node and sets CAM_REQUIRE_FAISS_NODE=1, so its tests cannot silently skip there.

/** Debian's python3-faiss is installed for the system interpreter, not for pyenv's python3. */
const PYTHON = "/usr/bin/python3";
const faissNodeBuilt = isFaissNodeAvailable();
const faissNodeRequired = process.env.CAM_REQUIRE_FAISS_NODE === "1";
const withFaissNode = it.skipIf(!faissNodeBuilt && !faissNodeRequired);
const needsFaissNode = faissNodeBuilt || faissNodeRequired ? "" : " (skipped: faiss-node is not built; run scripts/build-faiss-node.sh)";
const dir = mkdtempSync(join(tmpdir(), "cam-faiss-"));
const SEED_DIMENSION = 384;

function expectFaissNode(): void {
  if (!faissNodeBuilt) throw new Error("CAM_REQUIRE_FAISS_NODE=1 but faiss-node does not load: run scripts/build-faiss-node.sh (needs apt's libfaiss-dev)");
}

/** Runs a Python script with faiss imported; returns its stdout. */
function python(script: string, args: string[]): string {
  const result = spawnSync(PYTHON, ["-c", `import sys, json, numpy as np, faiss\n${script}`, ...args], { encoding: "utf8" });
  if (result.error || result.status !== 0) throw new Error(`Python faiss failed: ${result.error?.message ?? result.stderr}`);
  return result.stdout;
}

/** Every query's top k from one index, as one list per query. */
function searchAll(index: VectorIndex, queries: Float32Array, k: number) {
  return Array.from({ length: queries.length / index.dimension }, (_, q) => index.search(vectorAt(queries, index.dimension, q), k));
}

/**
 * Same scores (to 1e-5, relative) and same ids, except that ids may trade places where neighbouring scores
 * agree to that same tolerance: float32 sums taken in another order differ in about the seventh digit.
 */
function expectSameResults(actual: ReturnType<typeof searchAll>, expected: ReturnType<typeof searchAll>): void {
  expect(actual.map((r) => r.ids.length)).toEqual(expected.map((r) => r.ids.length));
  actual.forEach(({ ids, scores }, q) => {
    const want = expected[q]!;
    expect(scoresAgree(scores, want.scores), `query ${q}: ${scores} vs ${want.scores}`).toBe(true);
    const nearTie = (i: number) => [i - 1, i + 1].some((j) => j >= 0 && j < ids.length && scoresAgree([want.scores[j]!], [want.scores[i]!]));
    const swapped = ids.flatMap((id, i) => (id === want.ids[i] ? [] : [i]));
    expect(swapped.filter((i) => !nearTie(i)), `query ${q}: ids differ at places that are not near ties`).toEqual([]);
  });
}

const seedPath = corpusPath("seed_store/index.faiss");
const seedBytes = readFileSync(seedPath);
const seedVectors = new Float32Array(seedBytes.buffer.slice(seedBytes.byteOffset + 45, seedBytes.byteOffset + seedBytes.length));
/** First, last and a spread of rows in between. */
const SEED_ROWS = [0, 1, 137, 452, 771, 903, 904];

beforeAll(() => {
  const check = spawnSync(PYTHON, ["-c", "import faiss"], { encoding: "utf8" });
  if (check.error || check.status !== 0) {
    throw new Error(`Python faiss is missing (${check.error?.message ?? check.stderr.trim()}): apt-get install python3-faiss, which installs it for ${PYTHON}`);
  }
});

describe("the seed store (905 x 384, inner product, written by Python faiss)", () => {
  const expectSelfFirst = (index: VectorIndex) => {
    expect(index).toMatchObject({ dimension: SEED_DIMENSION, count: 905, metric: "inner_product" });
    for (const row of SEED_ROWS) {
      const found = index.search(vectorAt(seedVectors, SEED_DIMENSION, row), 5);
      expect(found.ids[0]).toBe(row);
      expect(found.scores[0]).toBeCloseTo(1, 5); // the store's vectors are unit length
    }
  };

  it("loads with the built-in backend and finds its own vectors first", async () => {
    expectSelfFirst(await loadVectorIndex(seedPath, { backend: "builtin" }));
  });

  withFaissNode(`loads with faiss-node and finds its own vectors first${needsFaissNode}`, async () => {
    expectFaissNode();
    expectSelfFirst(await loadVectorIndex(seedPath, { backend: "faiss-node" }));
  });

  withFaissNode(`gives the same ids and scores with both backends${needsFaissNode}`, async () => {
    expectFaissNode();
    const queries = new Float32Array([...SEED_ROWS.flatMap((row) => [...vectorAt(seedVectors, SEED_DIMENSION, row)]), ...randomVectors(20, SEED_DIMENSION, 5, true)]);
    const builtin = await loadVectorIndex(seedPath, { backend: "builtin" });
    const native = await loadVectorIndex(seedPath, { backend: "faiss-node" });
    expectSameResults(searchAll(builtin, queries, 12), searchAll(native, queries, 12));
    expectSameResults(searchAll(builtin, queries, 2000), searchAll(native, queries, 2000));
  });
});

describe.each<[Metric, number]>([
  ["inner_product", 384],
  ["l2", 384],
  ["l2", 33],
])("random %s vectors of dimension %i", (metric, dimension) => {
  const vectors = randomVectors(3000, dimension, dimension, metric === "inner_product");
  const queries = randomVectors(25, dimension, dimension + 1, metric === "inner_product");

  it("Python faiss reads our file with identical results, and writes byte-identical files", async () => {
    const ours = join(dir, `ours-${metric}-${dimension}.faiss`);
    const theirs = join(dir, `python-${metric}-${dimension}.faiss`);
    await writeVectorIndex(ours, { metric, dimension, vectors });
    writeFileSync(join(dir, "vectors.f32"), vectors);
    writeFileSync(join(dir, "queries.f32"), queries);
    const script = `
ours_path, vectors_path, queries_path, theirs_path, metric = sys.argv[1:6]
d, k = int(sys.argv[6]), int(sys.argv[7])
ours = faiss.read_index(ours_path)
distances, labels = ours.search(np.fromfile(queries_path, dtype="<f4").reshape(-1, d), k)
reference = faiss.IndexFlatIP(d) if metric == "inner_product" else faiss.IndexFlatL2(d)
reference.add(np.fromfile(vectors_path, dtype="<f4").reshape(-1, d))
faiss.write_index(reference, theirs_path)
print(json.dumps({"metric": ours.metric_type, "d": ours.d, "ntotal": ours.ntotal, "ids": labels.tolist(), "scores": distances.tolist()}))`;
    const args = [ours, join(dir, "vectors.f32"), join(dir, "queries.f32"), theirs, metric, String(dimension), "10"];
    const answer = JSON.parse(python(script, args)) as { metric: number; d: number; ntotal: number; ids: number[][]; scores: number[][] };

    expect(answer).toMatchObject({ metric: metric === "l2" ? 1 : 0, d: dimension, ntotal: 3000 });
    const index = await loadVectorIndex(ours, { backend: "builtin" });
    expectSameResults(searchAll(index, queries, 10), answer.ids.map((ids, q) => ({ ids, scores: answer.scores[q]! })));
    expect(readFileSync(theirs).equals(readFileSync(ours))).toBe(true);
  });

  withFaissNode(`gives the same ids and scores with both backends${needsFaissNode}`, () => {
    expectFaissNode();
    const builtin = createVectorIndex({ metric, dimension, vectors, backend: "builtin" });
    const native = createVectorIndex({ metric, dimension, vectors, backend: "faiss-node" });
    expect(native).toMatchObject({ backend: "faiss-node", metric, dimension, count: 3000 });
    expectSameResults(searchAll(builtin, queries, 12), searchAll(native, queries, 12));
    expectSameResults(searchAll(builtin, queries, 5000).slice(0, 3), searchAll(native, queries, 5000).slice(0, 3));
  });
});

describe("both backends on ties", () => {
  withFaissNode(`order equal scores by ascending id, even where FAISS's heap would not${needsFaissNode}`, () => {
    expectFaissNode();
    // 40 tied rows, one better row in the middle, 40 more tied rows.
    const rows = [...Array(40).fill([1, 1]), [3, 3], ...Array(40).fill([1, 1])] as number[][];
    const vectors = new Float32Array(rows.flat());
    for (const metric of ["inner_product", "l2"] as const) {
      const query = new Float32Array(metric === "l2" ? [3, 3] : [1, 1]);
      const [builtin, native] = (["builtin", "faiss-node"] as const).map((backend) => createVectorIndex({ metric, dimension: 2, vectors, backend }));
      for (const k of [1, 5, 40, 41, 60, 81]) {
        const expected = [40, ...Array.from({ length: k - 1 }, (_, i) => (i < 40 ? i : i + 1))];
        expect(builtin!.search(query, k).ids).toEqual(expected);
        expect(native!.search(query, k)).toEqual(builtin!.search(query, k));
      }
    }
  });
});
