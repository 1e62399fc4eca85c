import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type ExchangeRecord, recordExchange } from "@/lib/agent/record-exchange";
import { verifyChain } from "@/lib/audit/chain/verify-chain";
import { getExchangeDetail } from "@/lib/audit/get-exchange-detail";
import { revealExchange } from "@/lib/audit/reveal-exchange";
import { env } from "@/lib/env";
import { recordJudgeScore } from "@/lib/judges/queue/record-judge-score";
import { getKeyring, parseKeyring } from "@/lib/privacy/encryption-keys";
import { countValuesByKey } from "@/lib/privacy/rotate-keys";
import { openText } from "@/lib/privacy/sealed-text";
import { createUser } from "@/lib/users/create-user";
import { rawQuery } from "../support/raw-sql";
import { runCli } from "../support/run-cli";
import { createSampleScenario } from "../support/sample-records";
import { createTestDatabase, providers, type TestDatabase } from "../support/test-databases";

// Health information at rest: what the app writes is read back from the
// database with plain SQL and from the SQLite file's bytes, never through
// CAM's code; then keys are rotated and old text destroyed with the real CLI.

const databases: TestDatabase[] = [];
afterEach(async () => {
  await Promise.all(databases.splice(0).map((database) => database.drop()));
});

/** Identifiers a clinician might type; none may be stored readable. */
const SEEDED = ["Jane Citizen", "2123 45670 1", "0412 345 678", "jane.citizen@example.com", "12/03/1954"];
const QUESTION = `Mrs Jane Citizen (DOB 12/03/1954, Medicare 2123 45670 1) asked us to call 0412 345 678 or write to jane.citizen@example.com. May I?`;

function sensitiveExchange(userId: string): ExchangeRecord {
  return {
    source: "console",
    userId,
    conversation: { startTitled: QUESTION },
    scenario: { id: "B", provider: "ollama", model: "gemma3:4b", retrieval: true, options: { temperature: 0.2 } },
    question: QUESTION,
    prompt: `Sources: [1] Seek consent.\nQuestion: ${QUESTION}`,
    rawAnswer: "Call Jane Citizen on 0412 345 678 today (see [1]).",
    finalAnswer: "Warning: repeats personal identifiers.\n\nCall Jane Citizen on 0412 345 678 today (see [1]).",
    action: "warn",
    needsReview: false,
    passages: [{ rank: 1, chunkId: "code.pdf::chunk-1", sourceTitle: "Code of conduct", label: "Code — 3.4", score: 0.7, text: "Seek consent first." }],
    findings: [{ ruleId: "echoes-personal-identifiers", ruleVersion: 1, severity: "warn", message: "Repeats identifiers", clauses: ["APP 11"], evidence: "Call Jane Citizen on 0412 345 678" }],
    latency: { retrievalMs: 10, generationMs: 800, checkingMs: 3, auditMs: 0, totalMs: 813 },
    totalMs: 813,
    versions: { ruleSet: 1, settings: 1, store: "store-1" },
  };
}

/** Writes the exchange and a judge score; `writtenAt` sets the clock the app sees while it does. */
async function writeSensitiveExchange(provider: TestDatabase["provider"], writtenAt?: Date) {
  const database = await createTestDatabase(provider, { migrate: true });
  databases.push(database);
  const db = database.db();
  await createSampleScenario(db, "B");
  const user = await createUser(db, { email: "nina@hospital.example", name: "Nina", role: "clinician", password: "correct horse battery" }, null);
  if (writtenAt) vi.useFakeTimers({ toFake: ["Date"], now: writtenAt });
  try {
    const { id } = await recordExchange(db, sensitiveExchange(user.id));
    await db.$transaction((tx) =>
      recordJudgeScore(tx, id, { status: "scored", judgeId: "medgemma", judgeModel: "medgemma:4b", helpfulness: 2, compliance: 1, verdict: "block", reasoning: "It repeats 0412 345 678 for Jane Citizen.", attempts: 1, latencyMs: 900 }),
    );
    return { database, db, exchangeId: id, userId: user.id };
  } finally {
    vi.useRealTimers();
  }
}

/** Every row of every table, as text, read with plain SQL. */
async function dumpAllRows(database: TestDatabase): Promise<string> {
  const tables = (
    database.provider === "sqlite"
      ? await rawQuery<{ name: string }>(database, "SELECT name FROM sqlite_master WHERE type = 'table'")
      : await rawQuery<{ name: string }>(database, "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'")
  ).map((row) => row.name);
  const rows = await Promise.all(tables.map((table) => rawQuery(database, `SELECT * FROM "${table}"`)));
  return JSON.stringify(rows);
}

/** The SQLite database file and its write-ahead log, as bytes read from disk. */
function sqliteFileText(database: TestDatabase): string {
  if (database.target.provider !== "sqlite") return "";
  const { filePath } = database.target;
  return [filePath, `${filePath}-wal`].filter((file) => existsSync(file)).map((file) => readFileSync(file).toString("latin1")).join("");
}

const cli = (database: TestDatabase, args: string[], keyFile: string) =>
  runCli(args, { env: { DATABASE_URL: database.url, CAM_ENCRYPTION_KEYS: "", CAM_ENCRYPTION_KEY_FILE: keyFile } });

describe.each(providers)("health information at rest on %s", (provider) => {
  it("stores no identifier a clinician typed in readable form, yet shows it to the asker and on a recorded reveal", async () => {
    const { database, db, exchangeId, userId } = await writeSensitiveExchange(provider);
    const dump = await dumpAllRows(database);
    const fileText = sqliteFileText(database);
    for (const seeded of SEEDED) {
      expect(dump, seeded).not.toContain(seeded);
      expect(fileText, seeded).not.toContain(seeded);
    }
    // Search works on the redacted copy, which is kept in the clear.
    expect(dump).toContain("[medicare number]");
    expect(dump).toMatch(/cam1\.test-key\./);

    const detail = await getExchangeDetail(db, exchangeId);
    expect(detail.rawAnswer).toBe("Call [name] on [phone number] today (see [1]).");
    const revealed = await revealExchange(db, { exchangeId, userId, body: { reason: "Checking a privacy complaint (case 77)." } });
    expect(revealed.question).toBe(QUESTION);
    expect(revealed.judgeReasoning[0]?.reasoning).toBe("It repeats 0412 345 678 for Jane Citizen.");
  });

  it("refuses to open a sealed value moved to another column or altered", async () => {
    const { database } = await writeSensitiveExchange(provider);
    const [row] = await rawQuery<{ question: string; rawAnswer: string }>(database, `SELECT "question", "rawAnswer" FROM "Exchange"`);
    const keyring = getKeyring(env());
    expect(openText(keyring, "Exchange.question", row!.question)).toBe(QUESTION);
    expect(() => openText(keyring, "Exchange.question", row!.rawAnswer)).toThrow(/failed its integrity check/);
    const parts = row!.question.split(".");
    parts[3] = `${parts[3]!.startsWith("A") ? "B" : "A"}${parts[3]!.slice(1)}`;
    expect(() => openText(keyring, "Exchange.question", parts.join("."))).toThrow(/failed its integrity check/);
  });

  it("re-seals everything with a new key (`cam keys rotate --new-key`), after which the old key can go and the chain still verifies", async () => {
    const { database, db, exchangeId } = await writeSensitiveExchange(provider);
    const keyFile = join(mkdtempSync(join(tmpdir(), "cam-keys-")), "encryption.keys");
    writeFileSync(keyFile, `# test keys\n${process.env.CAM_ENCRYPTION_KEYS}\n`, { mode: 0o600 });

    const before = await cli(database, ["keys", "status"], keyFile);
    expect(before.stdout).toMatch(/Active key: test-key/);
    expect(before.stdout).toMatch(/test-key\s+6/);

    const rotated = await cli(database, ["keys", "rotate", "--new-key"], keyFile);
    expect(rotated.code, rotated.stderr).toBe(0);
    const newKeyId = /Added key (\S+) to/.exec(rotated.stdout)?.[1];
    expect(newKeyId).toBeTruthy();
    expect(rotated.stdout).toContain(`Re-sealed 6 value(s) with key ${newKeyId}.`);
    expect(await countValuesByKey(db)).toEqual({ [newKeyId!]: 6 });

    // Only the new key is needed now: drop the old one and everything still opens and verifies.
    const onlyNew = parseKeyring(readFileSync(keyFile, "utf8").split("\n").filter((line) => line.startsWith(`${newKeyId}:`)).join("\n"), keyFile);
    const [row] = await rawQuery<{ question: string }>(database, `SELECT "question" FROM "Exchange" WHERE "id" = $1`, [exchangeId]);
    expect(openText(onlyNew, "Exchange.question", row!.question)).toBe(QUESTION);
    expect((await verifyChain(db, { keyring: onlyNew })).problems).toEqual([]);
    expect(() => openText(getKeyring(env()), "Exchange.question", row!.question)).toThrow(new RegExp(`sealed with key "${newKeyId}", which is not in the keyring`));
  });

  it("destroys old text after the retention period (`cam retention`), with a dry run first, and the chain still verifies", async () => {
    const { database, db, exchangeId } = await writeSensitiveExchange(provider, new Date(Date.now() - 40 * 86_400_000));
    const keyFile = join(mkdtempSync(join(tmpdir(), "cam-keys-")), "encryption.keys");
    writeFileSync(keyFile, `${process.env.CAM_ENCRYPTION_KEYS}\n`, { mode: 0o600 });
    const sealedBefore = await dumpAllRows(database);

    const tooRecent = await cli(database, ["retention", "--days", "60", "--dry-run"], keyFile);
    expect(tooRecent.code, tooRecent.stderr).toBe(0);
    expect(tooRecent.stdout).toMatch(/^Would destroy 0 sealed value\(s\) in 0 exchange\(s\) older than/);

    const dryRun = await cli(database, ["retention", "--days", "30", "--dry-run"], keyFile);
    expect(dryRun.code, dryRun.stderr).toBe(0);
    expect(dryRun.stdout).toMatch(/^Would destroy 6 sealed value\(s\) in 1 exchange\(s\) older than .*\nNothing was changed/);
    expect(await dumpAllRows(database)).toBe(sealedBefore);

    const applied = await cli(database, ["retention", "--days", "30"], keyFile);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toMatch(/^Destroyed 6 sealed value\(s\) in 1 exchange\(s\)/);
    expect(await countValuesByKey(db)).toEqual({ destroyed: 6 });
    const detail = await getExchangeDetail(db, exchangeId);
    expect(detail.rawAnswer).toMatch(/^\[Removed on \d{4}-\d{2}-\d{2} under the retention policy\]$/);
    // The redacted question stays, for search and statistics.
    expect(detail.question).toBe("[name] (DOB [date of birth], Medicare [medicare number]) asked us to call [phone number] or write to [email]. May I?");
    expect((await verifyChain(db, { keyring: getKeyring(env()) })).problems).toEqual([]);
  });
});
