import "server-only";
import { rename, rm, writeFile } from "node:fs/promises";
import { FLAT_HEADER_BYTES } from "@/lib/retrieval/read-index-header";
import { checkVectorSet } from "@/lib/retrieval/vector-index/check-arguments";
import type { Metric, VectorSet } from "@/lib/retrieval/vector-index/types";

// Writes FAISS's own flat index layout (faiss/impl/index_write.cpp, 1.7.x):
// the same bytes Python's faiss.write_index produces, so either can read the other's files.

const FOURCC: Record<Metric, string> = { inner_product: "IxFI", l2: "IxF2" };
/** faiss::MetricType codes (faiss/MetricType.h). */
const METRIC_CODE: Record<Metric, number> = { inner_product: 0, l2: 1 };
/** The two unused int64 fields FAISS writes after ntotal ("dummy", 1 << 20). */
const DUMMY = 1n << 20n;

/** The 45-byte header of a flat index holding `count` vectors. */
export function encodeIndexHeader(metric: Metric, dimension: number, count: number): Buffer {
  const header = Buffer.alloc(FLAT_HEADER_BYTES);
  header.write(FOURCC[metric], 0, "latin1");
  header.writeInt32LE(dimension, 4);
  header.writeBigInt64LE(BigInt(count), 8);
  header.writeBigInt64LE(DUMMY, 16);
  header.writeBigInt64LE(DUMMY, 24);
  header.writeUInt8(1, 32); // is_trained: a flat index needs no training
  header.writeInt32LE(METRIC_CODE[metric], 33);
  header.writeBigUInt64LE(BigInt(count * dimension), 37);
  return header;
}

/** The header and the vectors' bytes (little-endian floats, as FAISS writes them), without copying the vectors. */
function flatIndexParts(set: VectorSet): [Buffer, Buffer] {
  const count = checkVectorSet(set);
  const data = Buffer.from(set.vectors.buffer, set.vectors.byteOffset, set.vectors.byteLength);
  return [encodeIndexHeader(set.metric, set.dimension, count), data];
}

/** A whole flat index file in memory (for faiss-node's fromBuffer). */
export function encodeFlatIndex(set: VectorSet): Buffer {
  return Buffer.concat(flatIndexParts(set));
}

/** Writes a FAISS flat index file, replacing `path` only once the whole file is written. */
export async function writeVectorIndex(path: string, options: VectorSet): Promise<void> {
  const parts = flatIndexParts(options);
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, parts);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
