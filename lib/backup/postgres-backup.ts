import "server-only";
import pg from "pg";
import type { OnProgress } from "@/lib/backup/backup-progress";
import { type DatabaseFacts, readDatabaseFacts } from "@/lib/backup/database-facts";
import { libpqEnvironment, runPgTool } from "@/lib/backup/run-pg-tool";

// PostgreSQL through pg_dump's custom format, restored with pg_restore. The
// dump and the facts in the manifest come from one exported snapshot, so the
// recorded chain head is exactly the one inside the dump, however busy the app.

/** "pg_dump: dumping contents of table "public.Exchange"" -> "public.Exchange" */
const tableOf = (line: string) => /table "([^"]+)"/.exec(line)?.[1];

/** Dumps the database at `url` to the file `to` (pg_dump -Fc) and returns what the dump holds. */
export async function backupPostgres(options: { url: string; to: string; onProgress?: OnProgress }): Promise<DatabaseFacts> {
  const client = new pg.Client({ connectionString: options.url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const snapshot = (await client.query<{ id: string }>("SELECT pg_export_snapshot() AS id")).rows[0]!.id;
    const facts = await readDatabaseFacts(
      async (sql) => (await client.query(sql)).rows,
      async (name) => (await client.query<{ found: boolean }>("SELECT to_regclass($1) IS NOT NULL AS found", [`"${name}"`])).rows[0]!.found,
    );
    // The snapshot lives as long as this transaction, so it stays open until pg_dump finishes.
    await runPgTool({
      tool: "pg_dump",
      args: ["--format=custom", "--verbose", `--snapshot=${snapshot}`, `--file=${options.to}`],
      url: options.url,
      onLine: (line) => {
        const table = tableOf(line);
        if (table && line.includes("dumping contents")) options.onProgress?.({ step: "dumping the database", detail: table });
      },
    });
    await client.query("COMMIT");
    return facts;
  } finally {
    await client.end();
  }
}

/**
 * Restores a dump into the database at `url` in one transaction: everything or
 * nothing. Objects the dump holds are dropped first (--clean), so a database
 * that already has CAM's tables (empty, or overwritten with --force) works too.
 */
export async function restorePostgres(options: { url: string; from: string; onProgress?: OnProgress }): Promise<void> {
  await runPgTool({
    tool: "pg_restore",
    args: [
      "--clean",
      "--if-exists",
      "--no-owner",
      "--no-privileges",
      "--single-transaction",
      "--exit-on-error",
      "--verbose",
      // The database by name; host, user and password come from the environment runPgTool sets.
      `--dbname=${libpqEnvironment(options.url).PGDATABASE}`,
      options.from,
    ],
    url: options.url,
    onLine: (line) => {
      const table = tableOf(line);
      if (table && line.includes("processing data")) options.onProgress?.({ step: "restoring the database", detail: table });
    },
  });
}
