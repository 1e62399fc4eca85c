import "server-only";
import { describeDatabaseError } from "@/lib/database/describe-database-error";
import { type AppliedMigration, openMigrationDriver } from "@/lib/database/migration-drivers";
import { type MigrationFile, migrationsDir, readMigrationFiles } from "@/lib/database/migration-files";
import type { DatabaseTarget } from "@/lib/env";
import { AppError } from "@/lib/errors";

/** What the database has compared with the migrations this version ships. */
export type MigrationStatus = {
  applied: string[];
  pending: string[];
};

/**
 * Finds migrations that make the database unsafe to migrate: edited after they
 * were applied, unknown to this version, or left unfinished by a failed run.
 */
function checkHistory(files: MigrationFile[], applied: AppliedMigration[]): void {
  const byName = new Map(files.map((file) => [file.name, file]));
  for (const row of applied) {
    if (row.rolledBackAt) continue;
    const file = byName.get(row.name);
    if (!file) {
      throw new AppError(
        "conflict",
        `The database has migration ${row.name}, which this version of CAM does not include. ` +
          "It was probably migrated by a newer version: run that version, or restore a backup.",
      );
    }
    if (!row.finishedAt) {
      throw new AppError(
        "conflict",
        `Migration ${row.name} started earlier but never finished. Restore a backup taken before it, ` +
          "or repair the database by hand and mark the migration rolled back.",
      );
    }
    if (row.checksum !== file.checksum) {
      throw new AppError(
        "conflict",
        `Migration ${row.name} was changed after it was applied to this database. ` +
          "Restore the original migration.sql from version control; add changes as a new migration.",
      );
    }
  }
}

function pendingOf(files: MigrationFile[], applied: AppliedMigration[]): MigrationFile[] {
  const done = new Set(applied.filter((row) => row.finishedAt && !row.rolledBackAt).map((row) => row.name));
  return files.filter((file) => !done.has(file.name));
}

async function withDriver<T>(
  target: DatabaseTarget,
  work: (files: MigrationFile[], driver: Awaited<ReturnType<typeof openMigrationDriver>>) => Promise<T>,
): Promise<T> {
  const files = readMigrationFiles(migrationsDir(target.provider));
  let driver;
  try {
    driver = await openMigrationDriver(target);
  } catch (error) {
    throw describeDatabaseError(target, error);
  }
  try {
    return await work(files, driver);
  } catch (error) {
    throw describeDatabaseError(target, error);
  } finally {
    await driver.close();
  }
}

/** Applies every pending migration in order, each in its own transaction. Returns the names applied. */
export async function runMigrations(options: {
  target: DatabaseTarget;
  onApplied?: (name: string) => void;
}): Promise<string[]> {
  return withDriver(options.target, async (files, driver) => {
    const applied = await driver.listApplied();
    checkHistory(files, applied);
    const names: string[] = [];
    for (const migration of pendingOf(files, applied)) {
      try {
        await driver.apply(migration);
      } catch (error) {
        throw new AppError(
          "internal",
          `Migration ${migration.name} failed and was rolled back: ${(error as Error).message}`,
          { cause: error },
        );
      }
      names.push(migration.name);
      options.onApplied?.(migration.name);
    }
    return names;
  });
}

/** Lists applied and pending migrations without changing anything but the bookkeeping table. */
export async function getMigrationStatus(target: DatabaseTarget): Promise<MigrationStatus> {
  return withDriver(target, async (files, driver) => {
    const applied = await driver.listApplied();
    checkHistory(files, applied);
    return {
      applied: applied.filter((row) => row.finishedAt && !row.rolledBackAt).map((row) => row.name),
      pending: pendingOf(files, applied).map((file) => file.name),
    };
  });
}
