import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { type ChunkRecord, STORE_FILES, type StoreManifest } from "@/lib/retrieval/store-format";
import { writeVectorIndex } from "@/lib/retrieval/vector-index";

// Writes a complete store into a new folder beside the live one, then swaps it
// in with two renames, so a failed or interrupted build never touches the store
// in use, and readers see either the old store or the new one.

const sha256 = (data: string | Uint8Array) => createHash("sha256").update(data).digest("hex");

/** A new, empty folder beside `storeDir` for building into. */
export async function createBuildFolder(storeDir: string): Promise<string> {
  const folder = join(dirname(storeDir), `${basename(storeDir)}.building-${randomBytes(4).toString("hex")}`);
  await mkdir(folder, { recursive: true });
  return folder;
}

/** Writes chunks, vectors (if any) and a manifest with checksums and a content-derived version into `folder`. */
export async function writeStoreFiles(options: {
  folder: string;
  records: ChunkRecord[];
  vectors: Float32Array | null;
  manifest: Omit<StoreManifest, "store_version" | "checksums" | "chunk_count">;
}): Promise<StoreManifest> {
  const chunksJson = `${JSON.stringify(options.records, null, 1)}\n`;
  await writeFile(join(options.folder, STORE_FILES.chunks), chunksJson);
  const checksums: Record<string, string> = { [STORE_FILES.chunks]: sha256(chunksJson) };
  const embedding = options.manifest.embedding;
  if (options.vectors && embedding) {
    const indexPath = join(options.folder, STORE_FILES.index);
    await writeVectorIndex(indexPath, { metric: embedding.metric, dimension: embedding.dimension, vectors: options.vectors });
    checksums[STORE_FILES.index] = sha256(await readFile(indexPath));
  }
  const builtAt = options.manifest.built_at;
  const contentId = sha256(Object.values(checksums).join(":")).slice(0, 12);
  const manifest: StoreManifest = {
    ...options.manifest,
    store_version: `${builtAt.slice(0, 10).replaceAll("-", "")}-${contentId}`,
    chunk_count: options.records.length,
    checksums,
  };
  await writeFile(join(options.folder, STORE_FILES.manifest), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** Replaces the store in `storeDir` with the finished `folder`. */
export async function swapStoreIn(folder: string, storeDir: string): Promise<void> {
  const previous = `${storeDir}.previous-${randomBytes(4).toString("hex")}`;
  const hadStore = existsSync(storeDir);
  if (hadStore) await rename(storeDir, previous);
  try {
    await rename(folder, storeDir);
  } catch (error) {
    if (hadStore) await rename(previous, storeDir);
    throw error;
  }
  if (hadStore) await rm(previous, { recursive: true, force: true });
}
