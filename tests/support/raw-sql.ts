import Database from "better-sqlite3";
import pg from "pg";
import type { TestDatabase } from "./test-databases";

// Plain SQL against a test database through its driver, bypassing Prisma and
// CAM's code, to set up or inspect states the app itself never produces.

export async function rawQuery<T = Record<string, unknown>>(database: TestDatabase, sql: string, params: unknown[] = []): Promise<T[]> {
  const target = database.target;
  if (target.provider === "sqlite") {
    const db = new Database(target.filePath);
    try {
      // PostgreSQL-style $1 placeholders become named ones, which SQLite can repeat.
      const statement = db.prepare(sql.replaceAll(/\$(\d+)/g, "@p$1"));
      const named = Object.fromEntries(params.map((value, index) => [`p${index + 1}`, value]));
      const args = params.length ? [named] : [];
      return (statement.reader ? statement.all(...args) : (statement.run(...args), [])) as T[];
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}
