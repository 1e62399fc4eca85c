import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { createDb, type Db } from "@/lib/db";
import { runMigrations } from "@/lib/database/run-migrations";
import { type DatabaseTarget, parseDatabaseUrl } from "@/lib/env";

// Real databases for tests: a SQLite file in a temporary folder, or a fresh
// database on the local PostgreSQL server, created per test file and dropped
// afterwards. TEST_POSTGRES_URL names the server (any existing database on it).

export const postgresAdminUrl = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export type Provider = DatabaseTarget["provider"];
export const providers: Provider[] = ["sqlite", "postgresql"];

export type TestDatabase = {
  provider: Provider;
  url: string;
  target: DatabaseTarget;
  /** Opens a Prisma client; closed by drop(). */
  db: () => Db;
  drop: () => Promise<void>;
};

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresAdminUrl, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `The PostgreSQL tests need a server at ${postgresAdminUrl} (set TEST_POSTGRES_URL to use another): ${(error as Error).message}`,
    );
  }
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Creates an empty database of the given kind. Pass `migrate: true` to apply CAM's migrations. */
export async function createTestDatabase(provider: Provider, options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  let url: string;
  let cleanup: () => Promise<void>;
  if (provider === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "cam-test-"));
    url = `file:${join(dir, "cam.db")}`;
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const name = `cam_test_${process.pid}_${randomBytes(4).toString("hex")}`;
    await adminQuery(`CREATE DATABASE ${name}`);
    const parsed = new URL(postgresAdminUrl);
    parsed.pathname = `/${name}`;
    url = parsed.href;
    cleanup = () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
  const target = parseDatabaseUrl(url) as DatabaseTarget;
  if (options.migrate) await runMigrations({ target });
  const clients: Db[] = [];
  return {
    provider,
    url,
    target,
    db: () => {
      const client = createDb(target);
      clients.push(client);
      return client;
    },
    drop: async () => {
      await Promise.all(clients.map((client) => client.$disconnect()));
      await cleanup();
    },
  };
}

/**
 * A migrated database shared by the tests of the enclosing describe block:
 * created before them, dropped after them. Read `.db` inside tests and hooks.
 */
export function migratedDatabaseForSuite(provider: Provider): { readonly db: Db; readonly database: TestDatabase } {
  let database: TestDatabase | undefined;
  let db: Db | undefined;
  beforeAll(async () => {
    database = await createTestDatabase(provider, { migrate: true });
    db = database.db();
  });
  afterAll(() => database?.drop());
  return {
    get db() {
      if (!db) throw new Error("The suite database is created in beforeAll; use it inside tests or hooks.");
      return db;
    },
    get database() {
      if (!database) throw new Error("The suite database is created in beforeAll; use it inside tests or hooks.");
      return database;
    },
  };
}
