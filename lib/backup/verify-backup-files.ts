import "server-only";
import { existsSync } from "node:fs";
import { stat } from "node:fs/promises";
import { join } from "node:path";
import { BACKUP_MANIFEST_FILE, type BackupManifest } from "@/lib/backup/backup-manifest";
import type { OnProgress } from "@/lib/backup/backup-progress";
import { hashFile, listFiles } from "@/lib/backup/checksum-files";
import { AppError } from "@/lib/errors";

// Checks every file of a backup against its manifest before a restore touches
// anything: a file missing, changed, or added since the backup was written
// means the backup cannot be trusted, and the file is named.

/** One sentence per damaged file; empty when the backup is intact. */
export async function findDamagedFiles(dir: string, manifest: BackupManifest, onProgress?: OnProgress): Promise<string[]> {
  const problems: string[] = [];
  const total = manifest.files.reduce((sum, file) => sum + file.bytes, 0);
  let done = 0;
  for (const file of manifest.files) {
    onProgress?.({ step: "checking checksums", done, total, unit: "bytes", detail: file.path });
    const path = join(dir, file.path);
    const bytes = existsSync(path) ? (await stat(path)).size : null;
    if (bytes === null) problems.push(`${file.path} is missing`);
    else if (bytes !== file.bytes) problems.push(`${file.path} has ${bytes} bytes, not the ${file.bytes} recorded in ${BACKUP_MANIFEST_FILE}`);
    else if ((await hashFile(path)) !== file.sha256) problems.push(`${file.path} does not match its sha256 in ${BACKUP_MANIFEST_FILE}`);
    done += file.bytes;
  }
  onProgress?.({ step: "checking checksums", done, total, unit: "bytes" });
  const listed = new Set([BACKUP_MANIFEST_FILE, ...manifest.files.map((file) => file.path)]);
  for (const path of await listFiles(dir)) if (!listed.has(path)) problems.push(`${path} is not listed in ${BACKUP_MANIFEST_FILE}`);
  return problems;
}

/** Throws an AppError naming the damaged files, unless every file matches the manifest. */
export async function verifyBackupFiles(dir: string, manifest: BackupManifest, onProgress?: OnProgress): Promise<void> {
  const problems = await findDamagedFiles(dir, manifest, onProgress);
  if (!problems.length) return;
  throw new AppError(
    "conflict",
    `The backup in ${dir} is damaged, so nothing was restored:\n${problems.map((problem) => `  - ${problem}`).join("\n")}\n` +
      "Restore from another backup (or fetch an intact copy of this one).",
  );
}
