import "server-only";
import { randomBytes } from "node:crypto";
import { copyFile, mkdir, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { OnProgress } from "@/lib/backup/backup-progress";
import { listFiles } from "@/lib/backup/checksum-files";
import { swapStoreIn } from "@/lib/pipeline/write-store";

// The retrieval store folder (chunks, vectors, manifest and the digest that
// `cam digest` writes into it) copied file by file, in and out of a backup.

/** Copies every file under `from` into `to` (created), reporting files done. Returns the paths copied, relative to `from`. */
export async function copyFolder(options: { from: string; to: string; step: string; onProgress?: OnProgress }): Promise<string[]> {
  const files = await listFiles(options.from);
  await mkdir(options.to, { recursive: true });
  for (const [index, file] of files.entries()) {
    options.onProgress?.({ step: options.step, done: index, total: files.length, unit: "files", detail: file });
    await mkdir(dirname(join(options.to, file)), { recursive: true });
    await copyFile(join(options.from, file), join(options.to, file));
  }
  options.onProgress?.({ step: options.step, done: files.length, total: files.length, unit: "files" });
  return files;
}

/**
 * Puts the backed-up store in place of `storeDir`: copied beside it first, then
 * swapped in the way `cam ingest` swaps a new build, so an interrupted restore
 * leaves the old store (or none) rather than half a store.
 */
export async function restoreStoreFolder(options: { from: string; storeDir: string; onProgress?: OnProgress }): Promise<void> {
  const staging = join(dirname(options.storeDir), `${basename(options.storeDir)}.restoring-${randomBytes(4).toString("hex")}`);
  try {
    await copyFolder({ from: options.from, to: staging, step: "restoring the retrieval store", onProgress: options.onProgress });
    await swapStoreIn(staging, options.storeDir);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}
