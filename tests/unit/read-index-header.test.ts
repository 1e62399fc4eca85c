import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FLAT_HEADER_BYTES, readIndexHeader } from "@/lib/retrieval/read-index-header";
import { corpusPath } from "../support/shared-corpus";

/** Writes a flat index the way faiss::write_index lays it out. */
function flatIndexBytes(fourcc: string, dimension: number, vectors: number[][], metric: number): Buffer {
  const header = Buffer.alloc(FLAT_HEADER_BYTES);
  header.write(fourcc, 0, "latin1");
  header.writeInt32LE(dimension, 4);
  header.writeBigInt64LE(BigInt(vectors.length), 8);
  header.writeBigInt64LE(1n << 20n, 16);
  header.writeBigInt64LE(1n << 20n, 24);
  header.writeUInt8(1, 32);
  header.writeInt32LE(metric, 33);
  header.writeBigUInt64LE(BigInt(vectors.length * dimension), 37);
  return Buffer.concat([header, Buffer.from(new Float32Array(vectors.flat()).buffer)]);
}

const dir = mkdtempSync(join(tmpdir(), "cam-index-"));
const write = (name: string, bytes: Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
};

describe("readIndexHeader", () => {
  it("reads the seed store built by Python faiss: 905 vectors of dimension 384, inner product", async () => {
    expect(await readIndexHeader(corpusPath("seed_store/index.faiss"))).toEqual({
      kind: "IndexFlatIP",
      dimension: 384,
      count: 905,
      metric: "inner_product",
    });
  });

  it("reads an L2 index", async () => {
    const path = write("l2.faiss", flatIndexBytes("IxF2", 2, [[1, 0], [0, 1], [1, 1]], 1));
    expect(await readIndexHeader(path)).toEqual({ kind: "IndexFlatL2", dimension: 2, count: 3, metric: "l2" });
  });

  it("refuses other index types, truncated files and files too short to hold a header", async () => {
    const hnsw = write("hnsw.faiss", flatIndexBytes("IHNf", 2, [[1, 0]], 1));
    await expect(readIndexHeader(hnsw)).rejects.toThrow(/not a flat FAISS index \(type code "IHNf"\)/);

    const full = flatIndexBytes("IxFI", 2, [[1, 0], [0, 1]], 0);
    const truncated = write("truncated.faiss", full.subarray(0, full.length - 4));
    await expect(readIndexHeader(truncated)).rejects.toThrow(/damaged/);

    const tiny = write("tiny.faiss", Buffer.from("IxFI"));
    await expect(readIndexHeader(tiny)).rejects.toThrow(/too short/);
  });
});
