import "server-only";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { type DatabaseTarget, env } from "@/lib/env";
import { PrismaClient as PostgresClient } from "@/lib/generated/postgres/client";
import { PrismaClient as SqliteClient } from "@/lib/generated/sqlite/client";

// The one Prisma client. Both generated clients come from the same models
// (prisma/models.prisma), so their query APIs are the same for everything the
// app uses; the SQLite client's types describe both. Provider-specific query
// options (such as PostgreSQL's case-insensitive mode) are therefore not used.

export type Db = SqliteClient;
/** The client inside db.$transaction(async (tx) => ...); writers accept it so related rows commit together. */
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
export { Prisma } from "@/lib/generated/sqlite/client";

/** How long a PostgreSQL connection attempt may take before it is reported as unavailable. */
const PG_CONNECT_TIMEOUT_MS = 3_000;

/** Opens a client for a database target. Prefer getDb(); this is for the CLI and tests. */
export function createDb(target: DatabaseTarget): Db {
  switch (target.provider) {
    case "sqlite": {
      mkdirSync(dirname(target.filePath), { recursive: true });
      return new SqliteClient({ adapter: new PrismaBetterSQLite3({ url: target.filePath }) });
    }
    case "postgresql": {
      const adapter = new PrismaPg({
        connectionString: target.url,
        connectionTimeoutMillis: PG_CONNECT_TIMEOUT_MS,
      });
      return new PostgresClient({ adapter }) as unknown as Db;
    }
  }
}

// Next.js reloads modules in development; keeping the client on globalThis
// stops every reload from opening another connection pool. It is kept with the
// database it opened, so a process whose DATABASE_URL changes (a test run
// moving to its next database) never writes to the previous one.
const holder = globalThis as typeof globalThis & { camDb?: { target: string; db: Db } };

const targetKey = (target: DatabaseTarget) => (target.provider === "sqlite" ? `sqlite:${target.filePath}` : target.url);

/** The process-wide client for DATABASE_URL. */
export function getDb(): Db {
  const target = env().DATABASE_URL;
  if (holder.camDb?.target !== targetKey(target)) {
    void holder.camDb?.db.$disconnect();
    holder.camDb = { target: targetKey(target), db: createDb(target) };
  }
  return holder.camDb.db;
}

/** Closes the process-wide client, so short-lived processes such as the CLI exit promptly. */
export async function closeDb(): Promise<void> {
  const held = holder.camDb;
  holder.camDb = undefined;
  await held?.db.$disconnect();
}

/**
 * Which database a client (or a transaction client) talks to, for the few
 * statements that differ. Prisma keeps it as `_activeProvider` on the client;
 * it is not part of the typed API, so read it in this one place.
 */
export function providerOf(db: Db | Tx): DatabaseTarget["provider"] {
  return (db as unknown as { _activeProvider: DatabaseTarget["provider"] })._activeProvider;
}
