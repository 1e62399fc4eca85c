import "server-only";
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import type { BackupFile } from "@/lib/backup/backup-manifest";
import type { OnProgress } from "@/lib/backup/backup-progress";

/** SHA-256 of a file, read as a stream so a large database copy does not fill memory. */
export async function hashFile(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** Every file under `dir`, as sorted paths relative to `root` with forward slashes. */
export async function listFiles(dir: string, root = dir): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await listFiles(path, root)));
    else if (entry.isFile()) files.push(relative(root, path).split(sep).join("/"));
  }
  return files.sort();
}

/** Size and sha256 of each file (paths relative to `root`), reporting progress in bytes. */
export async function checksumFiles(root: string, paths: string[], onProgress?: OnProgress): Promise<BackupFile[]> {
  const sizes = await Promise.all(paths.map(async (path) => (await stat(join(root, path))).size));
  const total = sizes.reduce((sum, bytes) => sum + bytes, 0);
  const files: BackupFile[] = [];
  let done = 0;
  for (const [index, path] of paths.entries()) {
    onProgress?.({ step: "computing checksums", done, total, unit: "bytes", detail: path });
    files.push({ path, bytes: sizes[index]!, sha256: await hashFile(join(root, path)) });
    done += sizes[index]!;
  }
  onProgress?.({ step: "computing checksums", done, total, unit: "bytes" });
  return files;
}
