import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyChain } from "@/lib/audit/chain/verify-chain";
import { searchExchanges } from "@/lib/audit/search-exchanges";
import { readBackupManifest } from "@/lib/backup/backup-manifest";
import { findTablesWithRows } from "@/lib/backup/find-existing-data";
import { env } from "@/lib/env";
import { recordJudgeScore } from "@/lib/judges/queue/record-judge-score";
import { writeDigest } from "@/lib/pipeline/write-digest";
import { getKeyring } from "@/lib/privacy/encryption-keys";
import { verifyStore } from "@/lib/retrieval/verify-store";
import { exchangeSearchQuerySchema } from "@/lib/schemas/audit";
import { writeExchanges } from "../support/recorded-exchanges";
import { runCli } from "../support/run-cli";
import { corpusPath } from "../support/shared-corpus";
import { createTestDatabase, postgresAdminUrl, providers, type TestDatabase } from "../support/test-databases";

// `cam backup` and `cam restore` through the real command on both databases:
// a restored copy must answer audit searches exactly as the original did and
// its audit chain must verify; a damaged backup or a database that already
// holds data must be refused before anything changes.

/** Empties the database the way losing it would: the SQLite file deleted, or the PostgreSQL database dropped and created again. */
async function wipeDatabase(database: TestDatabase): Promise<void> {
  if (database.target.provider === "sqlite") {
    for (const suffix of ["", "-wal", "-shm"]) rmSync(`${database.target.filePath}${suffix}`, { force: true });
    return;
  }
  const name = new URL(database.url).pathname.slice(1);
  const client = new pg.Client({ connectionString: postgresAdminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
}

const everything = exchangeSearchQuerySchema.parse({ sort: "oldest", limit: 100 });
const consentWarnings = exchangeSearchQuerySchema.parse({ q: "consent", action: "warn", sort: "newest", limit: 100 });
const keyring = () => getKeyring(env());

describe.each(providers)("backup and restore on %s", (provider) => {
  const work = mkdtempSync(join(tmpdir(), "cam-backup-"));
  const storeDir = join(work, "store");
  const backupDir = join(work, "backup");
  let source: TestDatabase;
  let cliEnv: Record<string, string>;
  let before: { all: unknown; warnings: unknown; head: unknown; digest: string };
  const others: TestDatabase[] = [];

  beforeAll(async () => {
    source = await createTestDatabase(provider, { migrate: true });
    const db = source.db();
    const { ids } = await writeExchanges(db, 6);
    await db.$transaction((tx) =>
      recordJudgeScore(tx, ids[0]!, { status: "scored", judgeId: "medgemma", judgeModel: "medgemma:4b", helpfulness: 4, compliance: 3, verdict: "warn", reasoning: "Grounded.", attempts: 1, latencyMs: 900 }),
    );
    cpSync(corpusPath("seed_store"), storeDir, { recursive: true });
    await writeDigest({ storeDir, catalogue: [] });
    const chain = await verifyChain(db, { keyring: keyring() });
    expect(chain.problems).toEqual([]);
    before = {
      all: await searchExchanges(db, everything),
      warnings: await searchExchanges(db, consentWarnings),
      head: chain.head,
      digest: readFileSync(join(storeDir, "regulatory_digest.md"), "utf8"),
    };
    cliEnv = { DATABASE_URL: source.url, RAG_STORE_DIR: storeDir };
    const backup = await runCli(["backup", "--out", backupDir], { env: cliEnv });
    expect(backup.stderr).not.toMatch(/cam:/);
    expect(backup.code).toBe(0);
    expect(backup.stdout).toMatch(/audit chain head at position 8/);
    expect(backup.stdout).toMatch(/digest included/);
    expect(backup.stdout).toMatch(/encryption keys are NOT in the backup/);
  });

  afterAll(async () => {
    await Promise.all([source, ...others].map((database) => database?.drop()));
    rmSync(work, { recursive: true, force: true });
  });

  it("records every file's checksum, the migrations and the chain head, and no keys", async () => {
    const manifest = await readBackupManifest(backupDir);
    expect(manifest.database).toMatchObject({ provider, auditChainHead: before.head });
    expect(manifest.database.migrations.length).toBeGreaterThan(0);
    expect(manifest.files.map((file) => file.path)).toEqual([
      manifest.database.file,
      "store/chunks.json",
      "store/index.faiss",
      "store/regulatory_digest.md",
    ]);
    expect(manifest.encryptionKeysIncluded).toBe(false);
    expect(readFileSync(join(backupDir, "manifest.json"), "utf8")).not.toContain(env().CAM_ENCRYPTION_KEYS!.split(":")[1]);
  });

  it("refuses a tampered backup, naming the file, and changes nothing", async () => {
    const tampered = join(work, "tampered");
    cpSync(backupDir, tampered, { recursive: true });
    const manifest = await readBackupManifest(tampered);
    const file = join(tampered, manifest.database.file);
    const bytes = readFileSync(file);
    // One byte flipped, the size unchanged: only the checksum can notice.
    const at = bytes.length - 100;
    bytes.writeUInt8(bytes.readUInt8(at) ^ 0xff, at);
    writeFileSync(file, bytes);
    const target = await createTestDatabase(provider);
    others.push(target);
    const emptyStore = join(work, "empty-store");
    const result = await runCli(["restore", "--from", tampered], { env: { DATABASE_URL: target.url, RAG_STORE_DIR: emptyStore } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${manifest.database.file} does not match its sha256 in manifest.json`);
    expect(result.stderr).toMatch(/nothing was restored/);
    expect(await findTablesWithRows(target.target)).toEqual([]);
    expect(existsSync(emptyStore)).toBe(false);
  });

  it("refuses to restore over a database that holds data unless --force is given", async () => {
    const result = await runCli(["restore", "--from", backupDir], { env: cliEnv });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/already holds data .*nothing was restored.*pass --force/s);
    const db = source.db();
    expect(await searchExchanges(db, everything)).toEqual(before.all);

    const forced = await runCli(["restore", "--from", backupDir, "--force"], { env: cliEnv });
    expect(forced.stdout).toMatch(/The restore verified\./);
    expect(forced.code).toBe(0);
    expect(await searchExchanges(source.db(), everything)).toEqual(before.all);
  });

  it("exits 1 with what to do when the restored chain cannot be verified with the configured keys", async () => {
    const target = await createTestDatabase(provider);
    others.push(target);
    const otherKeys = "other-key:qZIGfUhc4mqX3TnI+dzLB+DhFSuJs/wXYlrGsA5ZBe0=";
    const result = await runCli(["restore", "--from", backupDir], {
      env: { DATABASE_URL: target.url, RAG_STORE_DIR: join(work, "other-store"), CAM_ENCRYPTION_KEYS: otherKeys },
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/The audit chain does NOT verify/);
    expect(result.stdout).toMatch(/cannot be checked: .*key/);
    expect(result.stdout).toMatch(/configure the encryption keys that were in use when the backup was made/);
    expect(result.stdout).not.toMatch(/The restore verified/);
  });

  it("restores a wiped database and store to identical search results and a verifying chain", async () => {
    await wipeDatabase(source);
    rmSync(storeDir, { recursive: true, force: true });
    const result = await runCli(["restore", "--from", backupDir], { env: cliEnv });
    expect(result.stderr).not.toMatch(/cam:/);
    expect(result.stdout).toMatch(/The audit chain verifies: 8 records, head at position 8, as in the backup\./);
    expect(result.stdout).toMatch(/The retrieval store is valid/);
    expect(result.code).toBe(0);

    const db = source.db();
    expect(await searchExchanges(db, everything)).toEqual(before.all);
    expect(await searchExchanges(db, consentWarnings)).toEqual(before.warnings);
    const chain = await verifyChain(db, { keyring: keyring() });
    expect(chain.problems).toEqual([]);
    expect(chain.head).toEqual(before.head);
    expect(readFileSync(join(storeDir, "regulatory_digest.md"), "utf8")).toBe(before.digest);
    expect((await verifyStore(storeDir)).ok).toBe(true);
  });
});
