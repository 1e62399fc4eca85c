import "server-only";
import type { BackupManifest } from "@/lib/backup/backup-manifest";
import { AppError } from "@/lib/errors";

// What a backup's manifest records about its database, read from the very
// copy (SQLite) or snapshot (PostgreSQL) that is backed up, through whichever
// driver holds it. The SQL is the same on both databases.

export type DatabaseFacts = Pick<BackupManifest["database"], "migrations" | "auditChainHead">;

/** Runs one query and returns its rows. */
export type QueryRows = (sql: string) => Promise<Record<string, unknown>[]>;

const APPLIED_MIGRATIONS = `SELECT "migration_name" AS "name" FROM "_prisma_migrations"
  WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL ORDER BY "started_at", "migration_name"`;

const CHAIN_HEAD = `SELECT "position", "hash", "kind", "recordId" FROM "AuditChainLink" ORDER BY "position" DESC LIMIT 1`;

/** Applied migrations and the audit chain head; `hasTable` says whether CAM's tables exist at all. */
export async function readDatabaseFacts(query: QueryRows, hasTable: (name: string) => Promise<boolean>): Promise<DatabaseFacts> {
  if (!(await hasTable("_prisma_migrations")) || !(await hasTable("AuditChainLink"))) {
    throw new AppError("conflict", "The database named by DATABASE_URL has no CAM tables, so there is nothing to back up. Check DATABASE_URL.");
  }
  const migrations = (await query(APPLIED_MIGRATIONS)).map((row) => String(row.name));
  const [head] = await query(CHAIN_HEAD);
  return {
    migrations,
    auditChainHead: head
      ? {
          position: Number(head.position),
          hash: String(head.hash),
          kind: String(head.kind) as NonNullable<DatabaseFacts["auditChainHead"]>["kind"],
          recordId: String(head.recordId),
        }
      : null,
  };
}
