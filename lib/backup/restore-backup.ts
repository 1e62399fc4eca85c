import "server-only";
import { join } from "node:path";
import { type BackupManifest, readBackupManifest } from "@/lib/backup/backup-manifest";
import type { OnProgress } from "@/lib/backup/backup-progress";
import { restoreStoreFolder } from "@/lib/backup/copy-store-folder";
import { findTablesWithRows, storeHasFiles } from "@/lib/backup/find-existing-data";
import { restorePostgres } from "@/lib/backup/postgres-backup";
import { restoreSqlite } from "@/lib/backup/sqlite-backup";
import { verifyBackupFiles } from "@/lib/backup/verify-backup-files";
import { type RestoreCheck, verifyRestore } from "@/lib/backup/verify-restore";
import { migrationsDir, readMigrationFiles } from "@/lib/database/migration-files";
import { runMigrations } from "@/lib/database/run-migrations";
import type { Db } from "@/lib/db";
import type { DatabaseTarget } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { Keyring } from "@/lib/privacy/encryption-keys";

// `cam restore`: every check that can refuse runs before anything is changed
// (checksums, database kind, CAM version, existing data), then the database
// and the store are restored, brought up to this version's migrations, and
// verified. Contract: the caller has stopped the app, or accepts that it
// serves the old data until the restore finishes.

export type RestoreReport = RestoreCheck & { manifest: BackupManifest; migrationsApplied: string[] };

const name = (provider: DatabaseTarget["provider"]) => (provider === "sqlite" ? "SQLite" : "PostgreSQL");

/** Refuses a backup this installation cannot take: another database kind, or migrations this version does not have. */
function checkCompatible(manifest: BackupManifest, target: DatabaseTarget): void {
  if (manifest.database.provider !== target.provider) {
    throw new AppError(
      "conflict",
      `This backup is of a ${name(manifest.database.provider)} database, but DATABASE_URL names ${name(target.provider)}. ` +
        `Set DATABASE_URL to a ${name(manifest.database.provider)} database to restore it.`,
    );
  }
  const known = new Set(readMigrationFiles(migrationsDir(target.provider)).map((file) => file.name));
  const unknown = manifest.database.migrations.filter((migration) => !known.has(migration));
  if (unknown.length) {
    throw new AppError(
      "conflict",
      `This backup was made by a newer CAM (${manifest.camVersion}) whose database has migration ${unknown[0]}, which this version lacks. ` +
        "Restore it with that version of CAM or a later one.",
    );
  }
}

async function refuseOverwrite(options: { target: DatabaseTarget; storeDir: string; manifest: BackupManifest }): Promise<void> {
  const tables = await findTablesWithRows(options.target);
  if (tables.length) {
    throw new AppError(
      "conflict",
      `The database named by DATABASE_URL already holds data (in ${tables.slice(0, 5).join(", ")}${tables.length > 5 ? ", ..." : ""}), so nothing was restored. ` +
        "Point DATABASE_URL at an empty database, or pass --force to replace its contents with the backup.",
    );
  }
  if (options.manifest.store && (await storeHasFiles(options.storeDir))) {
    throw new AppError(
      "conflict",
      `The retrieval store folder ${options.storeDir} is not empty, so nothing was restored. Set RAG_STORE_DIR to an empty or new folder, or pass --force to replace it.`,
    );
  }
}

/** Restores the backup in `fromDir` into the configured database and store folder, then verifies both. */
export async function restoreBackup(options: {
  db: Db;
  target: DatabaseTarget;
  storeDir: string;
  fromDir: string;
  force: boolean;
  keyring: Keyring;
  onProgress?: OnProgress;
}): Promise<RestoreReport> {
  const { target, fromDir, onProgress } = options;
  const manifest = await readBackupManifest(fromDir);
  await verifyBackupFiles(fromDir, manifest, onProgress);
  checkCompatible(manifest, target);
  if (!options.force) await refuseOverwrite({ target, storeDir: options.storeDir, manifest });
  const databaseFile = join(fromDir, manifest.database.file);
  switch (target.provider) {
    case "sqlite":
      await restoreSqlite({ from: databaseFile, filePath: target.filePath, onProgress });
      break;
    case "postgresql":
      await restorePostgres({ url: target.url, from: databaseFile, onProgress });
      break;
  }
  if (manifest.store) await restoreStoreFolder({ from: join(fromDir, manifest.store.folder), storeDir: options.storeDir, onProgress });
  const migrationsApplied = await runMigrations({ target });
  const check = await verifyRestore({ db: options.db, keyring: options.keyring, storeDir: options.storeDir, manifest, onProgress });
  return { ...check, manifest, migrationsApplied };
}
