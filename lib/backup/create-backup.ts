import "server-only";
import { existsSync } from "node:fs";
import { mkdir, readdir } from "node:fs/promises";
import { join } from "node:path";
import { type BackupManifest, writeBackupManifest } from "@/lib/backup/backup-manifest";
import type { OnProgress } from "@/lib/backup/backup-progress";
import { checksumFiles } from "@/lib/backup/checksum-files";
import { copyFolder } from "@/lib/backup/copy-store-folder";
import type { DatabaseFacts } from "@/lib/backup/database-facts";
import { backupPostgres } from "@/lib/backup/postgres-backup";
import { backupSqlite } from "@/lib/backup/sqlite-backup";
import type { DatabaseTarget } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { STORE_FILES } from "@/lib/retrieval/store-format";

// `cam backup`: the database (copied online, safe while the app runs), the
// retrieval store folder with its digest, and a manifest with a checksum of
// every file. The encryption keys are deliberately left out: a backup that
// held them would let anyone who obtains it read the sealed health information.

/** Folder names inside a backup. */
export const BACKUP_LAYOUT = { database: "database", store: "store" } as const;

const DATABASE_FILES = { sqlite: "cam.db", postgresql: "cam.pgdump" } as const;

async function backupDatabase(target: DatabaseTarget, to: string, onProgress?: OnProgress): Promise<DatabaseFacts> {
  switch (target.provider) {
    case "sqlite":
      return backupSqlite({ filePath: target.filePath, to, onProgress });
    case "postgresql":
      return backupPostgres({ url: target.url, to, onProgress });
  }
}

/** Writes a backup into `outDir`, which must be new or empty, and returns its manifest. */
export async function createBackup(options: {
  target: DatabaseTarget;
  storeDir: string;
  outDir: string;
  camVersion: string;
  now?: Date;
  onProgress?: OnProgress;
}): Promise<BackupManifest> {
  const { target, outDir, onProgress } = options;
  if (existsSync(outDir) && (await readdir(outDir)).length) {
    throw new AppError("conflict", `${outDir} is not empty. Back up into a new folder (for example one named after today's date).`);
  }
  // Owner-only: the backup holds the same records as the database.
  await mkdir(join(outDir, BACKUP_LAYOUT.database), { recursive: true, mode: 0o700 });
  const databaseFile = `${BACKUP_LAYOUT.database}/${DATABASE_FILES[target.provider]}`;
  const facts = await backupDatabase(target, join(outDir, databaseFile), onProgress);
  const hasStore = existsSync(options.storeDir);
  const storeFiles = hasStore
    ? await copyFolder({ from: options.storeDir, to: join(outDir, BACKUP_LAYOUT.store), step: "copying the retrieval store", onProgress })
    : [];
  const paths = [databaseFile, ...storeFiles.map((file) => `${BACKUP_LAYOUT.store}/${file}`)];
  const manifest: BackupManifest = {
    format: "cam-backup/1",
    createdAt: (options.now ?? new Date()).toISOString(),
    camVersion: options.camVersion,
    database: { provider: target.provider, file: databaseFile, ...facts },
    store: hasStore ? { folder: BACKUP_LAYOUT.store, digest: storeFiles.includes(STORE_FILES.digest) } : null,
    encryptionKeysIncluded: false,
    files: await checksumFiles(outDir, paths, onProgress),
  };
  await writeBackupManifest(outDir, manifest);
  return manifest;
}
