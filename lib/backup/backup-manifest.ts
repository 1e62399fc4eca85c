import "server-only";
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { chainKinds } from "@/lib/audit/chain/chain-content";
import { AppError } from "@/lib/errors";

// manifest.json of a backup folder: what was backed up, from which database
// and CAM version, and the sha256 and size of every other file in the folder,
// so a restore can refuse a damaged or altered backup before it changes anything.

export const BACKUP_MANIFEST_FILE = "manifest.json";

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const backupManifestSchema = z.object({
  format: z.literal("cam-backup/1"),
  createdAt: z.iso.datetime(),
  camVersion: z.string().min(1),
  database: z.object({
    provider: z.enum(["sqlite", "postgresql"]),
    /** The database copy, relative to the backup folder. */
    file: z.string().min(1),
    /** Migrations applied to the database when it was copied, in order. */
    migrations: z.array(z.string()),
    /** The audit chain's last link in the copy; null when nothing was recorded yet. */
    auditChainHead: z
      .object({ position: z.int().positive(), hash: sha256, kind: z.enum(chainKinds), recordId: z.string().min(1) })
      .nullable(),
  }),
  /** The retrieval store folder (with its digest), relative to the backup folder; null when there was no store. */
  store: z.object({ folder: z.string().min(1), digest: z.boolean() }).nullable(),
  /** Always false: the keys must be backed up apart from the data they protect. */
  encryptionKeysIncluded: z.literal(false),
  files: z.array(z.object({ path: z.string().min(1), bytes: z.int().nonnegative(), sha256 })),
});

export type BackupManifest = z.infer<typeof backupManifestSchema>;
export type BackupFile = BackupManifest["files"][number];

/** Writes the manifest last, so a folder with a manifest is a finished backup. */
export async function writeBackupManifest(dir: string, manifest: BackupManifest): Promise<void> {
  await writeFile(join(dir, BACKUP_MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
}

/** Reads and validates a backup folder's manifest; a missing or invalid one is an AppError saying so. */
export async function readBackupManifest(dir: string): Promise<BackupManifest> {
  const path = join(dir, BACKUP_MANIFEST_FILE);
  if (!existsSync(path)) {
    throw new AppError("not_found", `${path} does not exist: ${dir} is not a finished backup. Pass the folder \`cam backup --out\` wrote.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, "utf8"));
  } catch {
    throw new AppError("bad_request", `${path} is not JSON: the backup is damaged. Restore from another backup.`);
  }
  const parsed = backupManifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError("bad_request", `${path} is not a valid backup manifest (${issue?.path.join(".")}: ${issue?.message}). Restore from another backup.`);
  }
  return parsed.data;
}
