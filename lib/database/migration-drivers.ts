import "server-only";
import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import type { DatabaseTarget } from "@/lib/env";
import type { MigrationFile } from "@/lib/database/migration-files";

// Direct driver connections for applying migrations: migration scripts hold
// many statements, which Prisma's query API does not run. The bookkeeping
// table is Prisma Migrate's own, so `prisma migrate status` agrees with us.

/** A row of _prisma_migrations. */
export type AppliedMigration = {
  name: string;
  checksum: string;
  finishedAt: Date | null;
  rolledBackAt: Date | null;
};

export interface MigrationDriver {
  /** Creates the bookkeeping table if needed and returns its rows. */
  listApplied(): Promise<AppliedMigration[]>;
  /** Runs one migration and records it, in one transaction. */
  apply(migration: MigrationFile): Promise<void>;
  close(): Promise<void>;
}

const SQLITE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" TEXT PRIMARY KEY NOT NULL,
  "checksum" TEXT NOT NULL,
  "finished_at" DATETIME,
  "migration_name" TEXT NOT NULL,
  "logs" TEXT,
  "rolled_back_at" DATETIME,
  "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
  "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

const POSTGRES_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

const SELECT_APPLIED = `SELECT migration_name AS name, checksum, finished_at AS "finishedAt",
  rolled_back_at AS "rolledBackAt" FROM "_prisma_migrations" ORDER BY started_at, migration_name`;

/** Arbitrary constant key for the PostgreSQL advisory lock that serialises concurrent migrators. */
const MIGRATION_LOCK_KEY = 7_262_001;

type Row = { name: string; checksum: string; finishedAt: unknown; rolledBackAt: unknown };

const toDate = (value: unknown) => (value === null || value === undefined ? null : new Date(value as string));
const toApplied = (row: Row): AppliedMigration => ({
  name: row.name,
  checksum: row.checksum,
  finishedAt: toDate(row.finishedAt),
  rolledBackAt: toDate(row.rolledBackAt),
});

function openSqlite(filePath: string): MigrationDriver {
  mkdirSync(dirname(filePath), { recursive: true });
  const db = new Database(filePath);
  // WAL lets readers work while a writer commits; the setting is stored in the file.
  db.pragma("journal_mode = WAL");
  db.exec(SQLITE_TABLE);
  const record = db.prepare(
    `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
     VALUES (?, ?, ?, ?, ?, 1)`,
  );
  return {
    async listApplied() {
      return (db.prepare(SELECT_APPLIED).all() as Row[]).map(toApplied);
    },
    async apply(migration) {
      const startedAt = new Date().toISOString();
      db.transaction(() => {
        db.exec(migration.sql);
        record.run(randomUUID(), migration.checksum, migration.name, startedAt, new Date().toISOString());
      }).immediate();
    },
    async close() {
      db.close();
    },
  };
}

async function openPostgres(url: string): Promise<MigrationDriver> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    // Several instances may start at once; the lock lets one migrate while the others wait.
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    await client.query(POSTGRES_TABLE);
  } catch (error) {
    await client.end();
    throw error;
  }
  return {
    async listApplied() {
      return (await client.query<Row>(SELECT_APPLIED)).rows.map(toApplied);
    },
    async apply(migration) {
      const startedAt = new Date();
      await client.query("BEGIN");
      try {
        await client.query(migration.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
           VALUES ($1, $2, $3, $4, now(), 1)`,
          [randomUUID(), migration.checksum, migration.name, startedAt],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      }
    },
    async close() {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => undefined);
      await client.end();
    },
  };
}

/** Opens a migration connection to the target database. */
export async function openMigrationDriver(target: DatabaseTarget): Promise<MigrationDriver> {
  switch (target.provider) {
    case "sqlite":
      return openSqlite(target.filePath);
    case "postgresql":
      return openPostgres(target.url);
  }
}
