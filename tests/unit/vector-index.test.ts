import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readIndexHeader } from "@/lib/retrieval/read-index-header";
import { type Metric, createVectorIndex, isFaissNodeAvailable, loadVectorIndex, writeVectorIndex } from "@/lib/retrieval/vector-index";
import { bruteForceSearch, randomVectors, scoresAgree, vectorAt } from "../support/vector-data";

const dir = mkdtempSync(join(tmpdir(), "cam-vector-index-"));
const metrics: Metric[] = ["inner_product", "l2"];

describe("built-in vector index", () => {
  // 384 is the seed store's width; the odd widths exercise the kernel's scalar tail.
  it.each([384, 1, 5, 17, 33])("finds the same neighbours and scores as brute force at dimension %i", (dimension) => {
    const vectors = randomVectors(500, dimension, dimension);
    const queries = randomVectors(8, dimension, dimension + 1000);
    for (const metric of metrics) {
      const index = createVectorIndex({ metric, dimension, vectors, backend: "builtin" });
      expect(index).toMatchObject({ backend: "builtin", metric, dimension, count: 500 });
      for (let q = 0; q < 8; q += 1) {
        const query = vectorAt(queries, dimension, q);
        const found = index.search(query, 12);
        const expected = bruteForceSearch(vectors, dimension, metric, query, 12);
        expect(found.ids).toEqual(expected.ids);
        expect(scoresAgree(found.scores, expected.scores), `${found.scores} vs ${expected.scores}`).toBe(true);
      }
    }
  });

  it("returns every vector, best first, when k is larger than the index, and nothing for k = 0", () => {
    const vectors = new Float32Array([1, 0, 0, 1, 0.5, 0.5]);
    const ip = createVectorIndex({ metric: "inner_product", dimension: 2, vectors, backend: "builtin" });
    expect(ip.search(new Float32Array([1, 0.2]), 10)).toEqual({ ids: [0, 2, 1], scores: [1, 0.6000000238418579, 0.20000000298023224] });
    const l2 = createVectorIndex({ metric: "l2", dimension: 2, vectors, backend: "builtin" });
    expect(l2.search(new Float32Array([0, 1]), 10).ids).toEqual([1, 2, 0]);
    expect(l2.search(new Float32Array([0, 1]), 0)).toEqual({ ids: [], scores: [] });
    const empty = createVectorIndex({ metric: "l2", dimension: 2, vectors: new Float32Array(0), backend: "builtin" });
    expect(empty.search(new Float32Array([0, 1]), 5)).toEqual({ ids: [], scores: [] });
  });

  it("orders equal scores by ascending id, also when a better vector comes after the tied ones", () => {
    // Rows 0-4 and 6-10 tie; row 5 is the best match.
    const rows = [...Array(5).fill([1, 1]), [2, 2], ...Array(5).fill([1, 1])] as number[][];
    const vectors = new Float32Array(rows.flat());
    const ip = createVectorIndex({ metric: "inner_product", dimension: 2, vectors, backend: "builtin" });
    expect(ip.search(new Float32Array([1, 1]), 4)).toEqual({ ids: [5, 0, 1, 2], scores: [4, 2, 2, 2] });
    const l2 = createVectorIndex({ metric: "l2", dimension: 2, vectors, backend: "builtin" });
    expect(l2.search(new Float32Array([2, 2]), 3)).toEqual({ ids: [5, 0, 1], scores: [0, 2, 2] });
    expect(l2.search(new Float32Array([1, 1]), 11).ids).toEqual([0, 1, 2, 3, 4, 6, 7, 8, 9, 10, 5]);
  });

  it("refuses a query of the wrong dimension, naming both dimensions, and a bad k", () => {
    const index = createVectorIndex({ metric: "inner_product", dimension: 4, vectors: randomVectors(3, 4, 1), backend: "builtin" });
    expect(() => index.search(new Float32Array(3), 1)).toThrow(/query has dimension 3 but the index has dimension 4/);
    expect(() => index.search(new Float32Array(4), -1)).toThrow(/k must be a whole number/);
    expect(() => index.search(new Float32Array(4), 1.5)).toThrow(/k must be a whole number/);
  });

  it("refuses vectors that do not fit the dimension, and unknown metrics or backends", () => {
    const make = (options: object) => () => createVectorIndex({ metric: "l2", dimension: 3, vectors: new Float32Array(6), ...options });
    expect(make({ vectors: new Float32Array(7) })).toThrow(/7 floats are not a whole number of vectors of dimension 3/);
    expect(make({ dimension: 0 })).toThrow(/dimension must be a positive whole number/);
    expect(make({ metric: "cosine" })).toThrow(/Unknown metric "cosine"/);
    expect(make({ backend: "annoy" })).toThrow(/Unknown vector backend "annoy"/);
  });
});

describe("writeVectorIndex and loadVectorIndex", () => {
  it.each(metrics)("round-trips a %s index through a FAISS file", async (metric) => {
    const vectors = randomVectors(300, 24, 7);
    const path = join(dir, `round-trip-${metric}.faiss`);
    await writeVectorIndex(path, { metric, dimension: 24, vectors });
    expect(statSync(path).size).toBe(45 + 300 * 24 * 4);
    expect(readFileSync(path).subarray(45)).toEqual(Buffer.from(vectors.buffer));
    expect(await readIndexHeader(path)).toMatchObject({ dimension: 24, count: 300, metric });
    expect(readdirSync(dir).filter((name) => name.endsWith(".tmp"))).toEqual([]);

    const loaded = await loadVectorIndex(path, { backend: "builtin" });
    expect(loaded).toMatchObject({ backend: "builtin", metric, dimension: 24, count: 300 });
    const query = vectorAt(vectors, 24, 42);
    expect(loaded.search(query, 5)).toEqual(createVectorIndex({ metric, dimension: 24, vectors, backend: "builtin" }).search(query, 5));
    if (metric === "l2") expect(loaded.search(query, 1)).toEqual({ ids: [42], scores: [0] });
  });

  it("says what is wrong with files that are not intact flat indexes", async () => {
    const good = join(dir, "good.faiss");
    await writeVectorIndex(good, { metric: "inner_product", dimension: 2, vectors: new Float32Array([1, 0, 0, 1]) });
    const bytes = readFileSync(good);
    const variant = (name: string, change: (copy: Buffer) => Buffer) => {
      const path = join(dir, name);
      writeFileSync(path, change(Buffer.from(bytes)));
      return loadVectorIndex(path, { backend: "builtin" });
    };
    await expect(variant("truncated.faiss", (b) => b.subarray(0, b.length - 4))).rejects.toThrow(/truncated.faiss is damaged/);
    await expect(variant("tiny.faiss", (b) => b.subarray(0, 10))).rejects.toThrow(/too short to be a FAISS index/);
    await expect(variant("hnsw.faiss", (b) => (b.write("IHNf", 0, "latin1"), b))).rejects.toThrow(/not a flat FAISS index \(type code "IHNf"\)/);
    await expect(variant("count.faiss", (b) => (b.writeBigInt64LE(3n, 8), b))).rejects.toThrow(/header does not match its size/);
    await expect(variant("metric.faiss", (b) => (b.writeInt32LE(1, 33), b))).rejects.toThrow(/IndexFlatIP cannot have metric code 1/);
    await expect(loadVectorIndex(join(dir, "missing.faiss"))).rejects.toThrow(/no such file/);
  });

  it("replaces an existing file whole", async () => {
    const path = join(dir, "replaced.faiss");
    await writeVectorIndex(path, { metric: "l2", dimension: 3, vectors: randomVectors(10, 3, 1) });
    await writeVectorIndex(path, { metric: "l2", dimension: 3, vectors: randomVectors(2, 3, 2) });
    expect((await loadVectorIndex(path, { backend: "builtin" })).count).toBe(2);
  });
});

describe("backend choice", () => {
  it("'auto' picks faiss-node exactly when it loads", () => {
    const index = createVectorIndex({ metric: "l2", dimension: 2, vectors: new Float32Array(4) });
    expect(index.backend).toBe(isFaissNodeAvailable() ? "faiss-node" : "builtin");
  });

  it.skipIf(isFaissNodeAvailable())("asking for a missing faiss-node says how to build it (skipped: faiss-node is built here)", async () => {
    await expect(loadVectorIndex("index.faiss", { backend: "faiss-node" })).rejects.toThrow(/faiss-node backend is not available.*build-faiss-node\.sh/);
  });
});
