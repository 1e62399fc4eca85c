import "server-only";
import { open } from "node:fs/promises";

// Reads the header of a FAISS flat index (faiss/impl/index_write.cpp) without
// loading its vectors: fourcc, dimension, vector count and metric. Enough to
// report a store's size and shape cheaply; the vector index reuses the parser.

/** Bytes before the vector data: fourcc(4) d(4) ntotal(8) 2 x dummy(8) is_trained(1) metric(4) count(8). */
export const FLAT_HEADER_BYTES = 45;

const FLAT_KINDS = { IxFI: "IndexFlatIP", IxF2: "IndexFlatL2" } as const;
/** FAISS MetricType codes (faiss/MetricType.h) each flat kind is written with. */
const METRIC_CODES = { IxFI: 0, IxF2: 1 } as const;

export type IndexHeader = {
  kind: (typeof FLAT_KINDS)[keyof typeof FLAT_KINDS];
  dimension: number;
  count: number;
  metric: "inner_product" | "l2";
};

/** Checks the first FLAT_HEADER_BYTES of a file of `fileSize` bytes; `path` only names the file in errors. */
export function parseIndexHeader(bytes: Buffer, fileSize: number, path: string): IndexHeader {
  if (bytes.length < FLAT_HEADER_BYTES || fileSize < FLAT_HEADER_BYTES) throw new Error(`${path} is too short to be a FAISS index`);
  const fourcc = bytes.toString("latin1", 0, 4);
  if (!(fourcc in FLAT_KINDS)) {
    throw new Error(`${path} is not a flat FAISS index (type code "${fourcc}"); only IndexFlatIP and IndexFlatL2 are supported`);
  }
  const kind = fourcc as keyof typeof FLAT_KINDS;
  const dimension = bytes.readInt32LE(4);
  const count = Number(bytes.readBigInt64LE(8));
  const metricCode = bytes.readInt32LE(33);
  const floats = Number(bytes.readBigUInt64LE(37));
  if (dimension <= 0 || count < 0 || floats !== dimension * count || fileSize !== FLAT_HEADER_BYTES + floats * 4) {
    throw new Error(`${path} is damaged: its header does not match its size`);
  }
  if (metricCode !== METRIC_CODES[kind]) {
    throw new Error(`${path} is damaged: a ${FLAT_KINDS[kind]} cannot have metric code ${metricCode}`);
  }
  return { kind: FLAT_KINDS[kind], dimension, count, metric: metricCode === 0 ? "inner_product" : "l2" };
}

/** The header of a flat index file; throws an Error saying what is wrong with the file otherwise. */
export async function readIndexHeader(path: string): Promise<IndexHeader> {
  const file = await open(path, "r");
  try {
    const { size } = await file.stat();
    const buffer = Buffer.alloc(FLAT_HEADER_BYTES);
    const { bytesRead } = await file.read(buffer, 0, FLAT_HEADER_BYTES, 0);
    return parseIndexHeader(buffer.subarray(0, bytesRead), size, path);
  } finally {
    await file.close();
  }
}
