import { afterEach, describe, expect, it } from "vitest";
import { migrationsDir, readMigrationFiles } from "@/lib/database/migration-files";
import { getMigrationStatus, runMigrations } from "@/lib/database/run-migrations";
import { AppError } from "@/lib/errors";
import { rawQuery } from "../support/raw-sql";
import { createTestDatabase, providers, type TestDatabase } from "../support/test-databases";

const created: TestDatabase[] = [];
async function emptyDatabase(provider: TestDatabase["provider"]) {
  const database = await createTestDatabase(provider);
  created.push(database);
  return database;
}
afterEach(async () => {
  await Promise.all(created.splice(0).map((database) => database.drop()));
});

const expectedTables = [
  "AdminChange", "ApiKey", "AuditChainLink", "Conversation", "EvaluationRun", "Exchange", "Finding", "JudgeJob",
  "JudgeScore", "Passage", "RevealEvent", "ReviewLabel", "RuleSetVersion", "Scenario", "Session", "SettingsVersion",
  "StoreBuild", "TransferApproval", "User",
];

async function tableNames(database: TestDatabase): Promise<string[]> {
  const rows =
    database.provider === "sqlite"
      ? await rawQuery<{ name: string }>(database, "SELECT name FROM sqlite_master WHERE type = 'table'")
      : await rawQuery<{ name: string }>(database, "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'");
  // FTS5 keeps its own "ExchangeText_*" tables beside SQLite's text-search index.
  return rows.map((row) => row.name).filter((name) => !name.startsWith("_") && !name.startsWith("sqlite_") && !name.startsWith("ExchangeText_")).sort();
}

describe.each(providers)("migrations on %s", (provider) => {
  it("apply to an empty database, then find nothing left to do", async () => {
    const database = await emptyDatabase(provider);
    const files = readMigrationFiles(migrationsDir(provider));
    expect(await runMigrations({ target: database.target })).toEqual(files.map((file) => file.name));
    expect(await tableNames(database)).toEqual(provider === "sqlite" ? [...expectedTables, "ExchangeText"].sort() : expectedTables);
    expect(await runMigrations({ target: database.target })).toEqual([]);
    expect(await getMigrationStatus(database.target)).toEqual({ applied: files.map((file) => file.name), pending: [] });
  });

  it("report pending migrations on a new database", async () => {
    const database = await emptyDatabase(provider);
    const status = await getMigrationStatus(database.target);
    expect(status.applied).toEqual([]);
    expect(status.pending.length).toBeGreaterThan(0);
  });

  it("refuse to continue when an applied migration was edited afterwards", async () => {
    const database = await emptyDatabase(provider);
    await runMigrations({ target: database.target });
    await rawQuery(database, `UPDATE "_prisma_migrations" SET checksum = $1`, ["0".repeat(64)]);
    const failure = runMigrations({ target: database.target });
    await expect(failure).rejects.toBeInstanceOf(AppError);
    await expect(failure).rejects.toThrow(/was changed after it was applied.*Restore the original migration\.sql/);
  });

  it("refuse a database migrated by a newer version", async () => {
    const database = await emptyDatabase(provider);
    await runMigrations({ target: database.target });
    await rawQuery(
      database,
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
       VALUES ('future', $1, '29991231000000_from_the_future', $2, $2, 1)`,
      ["f".repeat(64), new Date().toISOString()],
    );
    await expect(runMigrations({ target: database.target })).rejects.toThrow(
      /29991231000000_from_the_future, which this version of CAM does not include/,
    );
  });

  it("make the admin-change log append-only in the database itself", async () => {
    const database = await emptyDatabase(provider);
    await runMigrations({ target: database.target });
    await rawQuery(
      database,
      `INSERT INTO "AdminChange" (id, action, "entityType", summary, "createdAt") VALUES ('c1', 'user.create', 'user', 'created', $1)`,
      [new Date().toISOString()],
    );
    await expect(rawQuery(database, `UPDATE "AdminChange" SET summary = 'rewritten'`)).rejects.toThrow(/append-only/);
    await expect(rawQuery(database, `DELETE FROM "AdminChange"`)).rejects.toThrow(/append-only/);
    expect(await rawQuery(database, `SELECT summary FROM "AdminChange"`)).toEqual([{ summary: "created" }]);
  });
});

describe("migrations on PostgreSQL from several instances at once", () => {
  it("apply exactly once while the others wait and find nothing to do", async () => {
    const database = await emptyDatabase("postgresql");
    const results = await Promise.all([1, 2, 3].map(() => runMigrations({ target: database.target })));
    const total = readMigrationFiles(migrationsDir("postgresql")).length;
    expect(results.map((applied) => applied.length).sort()).toEqual([0, 0, total]);
    const rows = await rawQuery<{ count: string }>(database, `SELECT count(*) AS count FROM "_prisma_migrations"`);
    expect(Number(rows[0]?.count)).toBe(total);
  });
});

describe("migrations on SQLite", () => {
  it("switch the database to write-ahead logging", async () => {
    const database = await emptyDatabase("sqlite");
    await runMigrations({ target: database.target });
    expect(await rawQuery(database, "PRAGMA journal_mode")).toEqual([{ journal_mode: "wal" }]);
  });

  it("index the text of exchanges recorded before text search had its index, and of every one after", async () => {
    const files = readMigrationFiles(migrationsDir("sqlite"));
    const at = files.findIndex((file) => file.name.endsWith("_trigram_text_search"));
    const Database = (await import("better-sqlite3")).default;
    const db = new Database(":memory:");
    for (const file of files.slice(0, at)) db.exec(file.sql);
    // Only the exchange's text matters here, not the scenario it names.
    db.pragma("foreign_keys = OFF");
    const insert = db.prepare(
      `INSERT INTO "Exchange" ("id", "source", "scenarioId", "provider", "model", "retrieval", "options", "question", "questionRedacted",
       "finalAnswerRedacted", "finalAnswer", "action", "latency", "totalMs", "ruleSetVersion", "settingsVersion")
       VALUES (?, 'console', 'B', 'ollama', 'gemma3:4b', 1, '{}', 'sealed', ?, ?, 'sealed', 'allow', '{}', 1, 1, 1)`,
    );
    insert.run("before", "May I share notes with a GP?", "Only with consent (see [1]).");
    for (const file of files.slice(at)) db.exec(file.sql);
    insert.run("after", "Is telehealth covered?", "Telehealth sessions follow the same CONSENT rules.");
    // The index keeps no positions: a query names trigrams, each found anywhere in the text.
    const matching = (...trigrams: string[]) =>
      db.prepare(`SELECT "exchangeId" FROM "ExchangeText" WHERE "ExchangeText" MATCH ?`).pluck().all(trigrams.map((trigram) => `"${trigram}"`).join(" AND "));
    expect(matching("GP?", "ons")).toEqual(["before"]);
    expect(matching("con", "ons", "nse", "sen", "ent")).toEqual(["before", "after"]);
    expect(matching("tel", "ele", "leh")).toEqual(["after"]);
    db.close();
  });
});
