import "server-only";
import { existsSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import type { OnProgress } from "@/lib/backup/backup-progress";
import { type DatabaseFacts, readDatabaseFacts } from "@/lib/backup/database-facts";
import { AppError } from "@/lib/errors";

// SQLite through its online backup API (better-sqlite3's backup()): pages are
// copied a step at a time under SQLite's own locking, so the copy is
// consistent even while the app keeps writing. Restore runs the same API the
// other way, so the live file and its WAL are replaced by SQLite itself.

/** `readonly` for a backup copy (journal mode DELETE, so reading it leaves nothing beside it); the live database may be in WAL mode, which needs write access. */
async function copyDatabase(options: { from: string; to: string; readonly: boolean; step: string; onProgress?: OnProgress }): Promise<void> {
  const source = new Database(options.from, { fileMustExist: true, readonly: options.readonly });
  try {
    await source.backup(options.to, {
      progress: ({ totalPages, remainingPages }) => {
        options.onProgress?.({ step: options.step, done: totalPages - remainingPages, total: totalPages, unit: "pages" });
        // Pages per step: small enough that the app's writers get in between steps.
        return 256;
      },
    });
    options.onProgress?.({ step: options.step, detail: "done" });
  } finally {
    source.close();
  }
}

/** Copies the live database at `filePath` to `to` and returns what the copy holds. */
export async function backupSqlite(options: { filePath: string; to: string; onProgress?: OnProgress }): Promise<DatabaseFacts> {
  if (!existsSync(options.filePath)) {
    throw new AppError("not_found", `There is no database at ${options.filePath}. Check DATABASE_URL.`);
  }
  await copyDatabase({ from: options.filePath, to: options.to, readonly: false, step: "copying the database", onProgress: options.onProgress });
  const copy = new Database(options.to, { fileMustExist: true });
  try {
    // A single self-contained file: no -wal or -shm beside it in the backup folder.
    copy.pragma("journal_mode = DELETE");
    return await readDatabaseFacts(
      async (sql) => copy.prepare(sql).all() as Record<string, unknown>[],
      async (name) => Boolean(copy.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(name)),
    );
  } finally {
    copy.close();
  }
}

/** Replaces the database at `filePath` (created if absent) with the backup copy `from`. */
export async function restoreSqlite(options: { from: string; filePath: string; onProgress?: OnProgress }): Promise<void> {
  mkdirSync(dirname(options.filePath), { recursive: true });
  await copyDatabase({ from: options.from, to: options.filePath, readonly: true, step: "restoring the database", onProgress: options.onProgress });
  const restored = new Database(options.filePath, { fileMustExist: true });
  try {
    // The journal mode CAM's databases use (see migration-drivers.ts); the copy was stored without it.
    restored.pragma("journal_mode = WAL");
  } finally {
    restored.close();
  }
}
