import "server-only";
import { existsSync, statSync } from "node:fs";
import { readdir } from "node:fs/promises";
import Database from "better-sqlite3";
import pg from "pg";
import type { DatabaseTarget } from "@/lib/env";

// Whether a restore would overwrite something: a database with rows in any
// table (an empty, freshly migrated one does not count), or a store folder
// with files in it.

/** Migration bookkeeping alone is not data worth protecting. */
const IGNORED_TABLES = new Set(["_prisma_migrations"]);

const hasRows = (table: string) => `SELECT 1 AS "found" FROM "${table.replaceAll('"', '""')}" LIMIT 1`;

async function sqliteTablesWithRows(filePath: string): Promise<string[]> {
  if (!existsSync(filePath) || statSync(filePath).size === 0) return [];
  const db = new Database(filePath, { fileMustExist: true });
  try {
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).all() as { name: string }[];
    return tables.map((table) => table.name).filter((name) => !IGNORED_TABLES.has(name) && db.prepare(hasRows(name)).get());
  } finally {
    db.close();
  }
}

async function postgresTablesWithRows(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename`,
    );
    const found: string[] = [];
    for (const { name } of rows) if (!IGNORED_TABLES.has(name) && (await client.query(hasRows(name))).rowCount) found.push(name);
    return found;
  } finally {
    await client.end();
  }
}

/** The tables of the target database that hold rows; empty when a restore may write there. */
export async function findTablesWithRows(target: DatabaseTarget): Promise<string[]> {
  switch (target.provider) {
    case "sqlite":
      return sqliteTablesWithRows(target.filePath);
    case "postgresql":
      return postgresTablesWithRows(target.url);
  }
}

/** Whether the store folder exists with anything in it. */
export async function storeHasFiles(storeDir: string): Promise<boolean> {
  return existsSync(storeDir) && (await readdir(storeDir)).length > 0;
}
