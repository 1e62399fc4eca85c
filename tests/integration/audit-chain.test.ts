import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type ExchangeRecord, recordExchange } from "@/lib/agent/record-exchange";
import { createCheckpoint, readCheckpoint } from "@/lib/audit/chain/chain-checkpoint";
import { verifyChain } from "@/lib/audit/chain/verify-chain";
import { revealExchange } from "@/lib/audit/reveal-exchange";
import type { Db } from "@/lib/db";
import { env } from "@/lib/env";
import { recordJudgeScore } from "@/lib/judges/queue/record-judge-score";
import { getKeyring } from "@/lib/privacy/encryption-keys";
import { createUser } from "@/lib/users/create-user";
import { rawQuery } from "../support/raw-sql";
import { runCli } from "../support/run-cli";
import { createSampleScenario } from "../support/sample-records";
import { createTestDatabase, providers, type TestDatabase } from "../support/test-databases";

// Mutation tests of the tamper-evident audit trail: records are written by the
// app's own writers, then altered with plain SQL the way someone with database
// access could, after switching off the append-only triggers as they could too.

const databases: TestDatabase[] = [];
afterEach(async () => {
  await Promise.all(databases.splice(0).map((database) => database.drop()));
});

function exchange(userId: string, question: string, action: ExchangeRecord["action"]): ExchangeRecord {
  return {
    source: "console",
    userId,
    conversation: null,
    scenario: { id: "B", provider: "ollama", model: "gemma3:4b", retrieval: true, options: { temperature: 0.2 } },
    question,
    prompt: `Sources: [1] ...\nQuestion: ${question}`,
    rawAnswer: "Stop taking your medication (see [1]).",
    finalAnswer: "Warning: medication directive.\n\nDisclose only with consent (see [1]).",
    action,
    needsReview: action === "block",
    passages: [{ rank: 1, chunkId: "code.pdf::chunk-1", sourceTitle: "Code of conduct", label: "Code — 3.4", score: 0.7, text: "Seek consent first." }],
    findings: action === "allow" ? [] : [{ ruleId: "medication-directive", ruleVersion: 1, severity: "warn", message: "Medication directive", clauses: ["GMP 3.4"], evidence: "Stop taking your medication" }],
    latency: { retrievalMs: 10, generationMs: 800, checkingMs: 3, auditMs: 0, totalMs: 813 },
    totalMs: 813,
    versions: { ruleSet: 1, settings: 1, store: "store-1" },
  };
}

type Trail = { database: TestDatabase; db: Db; exchanges: string[]; scoreId: string; adminChangeId: string; revealId: string };

/** A database with a chain of every kind: an admin change, three exchanges, a judge score and a reveal. */
async function writeTrail(provider: TestDatabase["provider"]): Promise<Trail> {
  const database = await createTestDatabase(provider, { migrate: true });
  databases.push(database);
  const db = database.db();
  await createSampleScenario(db, "B");
  const reviewer = await createUser(db, { email: "rhea@hospital.example", name: "Rhea", role: "reviewer", password: "correct horse battery" }, null);
  const exchanges: string[] = [];
  for (const [question, action] of [["Can I share notes with a GP?", "warn"], ["What does APP 6 allow?", "allow"], ["May I tell the family?", "warn"]] as const) {
    exchanges.push((await recordExchange(db, exchange(reviewer.id, question, action))).id);
  }
  await db.$transaction((tx) =>
    recordJudgeScore(tx, exchanges[0]!, { status: "scored", judgeId: "medgemma", judgeModel: "medgemma:4b", helpfulness: 4, compliance: 3, verdict: "warn", reasoning: "Mostly grounded.", attempts: 1, latencyMs: 900 }),
  );
  const reveal = await revealExchange(db, { exchangeId: exchanges[2]!, userId: reviewer.id, body: { reason: "Complaint investigation 42" } });
  const adminChange = await db.adminChange.findFirstOrThrow({ select: { id: true } });
  const score = await db.judgeScore.findFirstOrThrow({ select: { id: true } });
  return { database, db, exchanges, scoreId: score.id, adminChangeId: adminChange.id, revealId: reveal.revealEventId };
}

/** Switches off the append-only triggers of a table, as someone with full database access could. */
async function dropGuards(database: TestDatabase, table: string): Promise<void> {
  if (database.provider === "postgresql") {
    await rawQuery(database, `ALTER TABLE "${table}" DISABLE TRIGGER USER`);
    return;
  }
  const triggers = await rawQuery<{ name: string }>(database, `SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = $1`, [table]);
  for (const { name } of triggers) await rawQuery(database, `DROP TRIGGER "${name}"`);
}

const verify = (trail: Trail, checkpoint?: Awaited<ReturnType<typeof createCheckpoint>>) =>
  verifyChain(trail.db, { keyring: getKeyring(env()), checkpoint });

describe.each(providers)("the audit chain on %s", (provider) => {
  it("verifies when untouched, one link per record in the order written", async () => {
    const trail = await writeTrail(provider);
    const report = await verify(trail);
    expect(report.problems).toEqual([]);
    expect(report.links).toBe(6);
    const links = await trail.db.auditChainLink.findMany({ orderBy: { position: "asc" } });
    expect(links.map((link) => link.kind)).toEqual(["admin_change", "exchange", "exchange", "exchange", "judge_score", "reveal_event"]);
    expect(links.map((link) => link.position)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("hashes a new exchange from the values it writes exactly as verification hashes them read back", async () => {
    // The writer chains an exchange without reading it back; any value the database stores
    // differently from how it was given (text encoding, numbers, JSON, dates) would show here.
    const database = await createTestDatabase(provider, { migrate: true });
    databases.push(database);
    const db = database.db();
    await createSampleScenario(db, "B");
    const user = await createUser(db, { email: "ines@hospital.example", name: "Inès", role: "clinician", password: "correct horse battery" }, null);
    const awkward = "Zoë's 患者 note — ½ dose? 🩺 e\u0301 \u202Eright-to-left\u202C \t\r\n\\ \"quoted\" 𝔘𝔫𝔦𝔠𝔬𝔡𝔢";
    const base = exchange(user.id, awkward, "warn");
    const records: ExchangeRecord[] = [
      {
        ...base,
        conversation: { startTitled: awkward },
        scenario: { ...base.scenario, options: { temperature: 0.1 + 0.2, nested: { "clé": [1e-7, -0, 12345678901234, "🩺"], empty: {} } } },
        passages: [3, 1, 2].map((rank) => ({
          rank,
          chunkId: `code.pdf::chunk-${rank}`,
          sourceTitle: "Code of conduct — Ngā tikanga",
          label: `Clause ${rank}.4(b)`,
          score: rank === 1 ? 0.7071067811865476 : rank / 3,
          text: `${awkward} ${"passage text ".repeat(200)}`,
          pageStart: rank === 2 ? null : rank,
          pageEnd: rank === 3 ? undefined : rank + 1,
        })),
        findings: ["medication-directive", "missing-disclaimer", "identifier-echo", "dosage"].map((ruleId, index) => ({
          ruleId,
          ruleVersion: index + 1,
          severity: index % 2 ? "info" : "warn",
          message: `${ruleId}: ${awkward}`,
          clauses: index === 1 ? [] : ["APP 6.2(b)", "GMP 3.4 — ½"],
          evidence: index === 2 ? undefined : awkward,
        })),
        latency: { retrievalMs: 1.5, generationMs: 0, checkingMs: 0.25, auditMs: 0, totalMs: 2 },
        judgeIds: ["medgemma"],
      },
      { ...base, passages: [], findings: [], prompt: null, rawAnswer: null, action: "block", error: { stage: "generation", message: `Model said ${awkward}` }, versions: { ruleSet: 2, settings: 3, store: null } },
    ];
    const first = await recordExchange(db, records[0]!);
    await recordExchange(db, { ...records[0]!, conversation: { id: first.conversationId!, turn: 1 } });
    await recordExchange(db, records[1]!);
    const report = await verifyChain(db, { keyring: getKeyring(env()) });
    expect(report.problems).toEqual([]);
    expect(await db.auditChainLink.count({ where: { kind: "exchange" } })).toBe(3);
    expect(await db.finding.count()).toBe(8);
  });

  it("refuses edits and deletions through the app's own database user while the guards are on", async () => {
    const trail = await writeTrail(provider);
    await expect(rawQuery(trail.database, `UPDATE "Exchange" SET "action" = 'allow' WHERE "id" = $1`, [trail.exchanges[0]])).rejects.toThrow(/append-only/);
    await expect(rawQuery(trail.database, `DELETE FROM "AuditChainLink"`)).rejects.toThrow(/append-only/);
    await expect(rawQuery(trail.database, `UPDATE "Passage" SET "text" = 'x'`)).rejects.toThrow(/append-only/);
    await expect(rawQuery(trail.database, `DELETE FROM "JudgeScore"`)).rejects.toThrow(/append-only/);
    await expect(rawQuery(trail.database, `UPDATE "RevealEvent" SET "reason" = 'x'`)).rejects.toThrow(/append-only/);
  });

  it.each([
    ["an exchange's decision", "Exchange", `UPDATE "Exchange" SET "action" = 'allow' WHERE "id" = $1`, (trail: Trail) => trail.exchanges[0]!],
    ["an exchange's time", "Exchange", `UPDATE "Exchange" SET "totalMs" = 1 WHERE "id" = $1`, (trail: Trail) => trail.exchanges[1]!],
    ["an exchange's question", "Exchange", `UPDATE "Exchange" SET "question" = 'Something else entirely' WHERE "id" = $1`, (trail: Trail) => trail.exchanges[1]!],
    ["a retrieved passage", "Passage", `UPDATE "Passage" SET "text" = 'Never seek consent.' WHERE "exchangeId" = $1`, (trail: Trail) => trail.exchanges[2]!],
    ["a finding", "Finding", `UPDATE "Finding" SET "message" = 'Nothing to see' WHERE "exchangeId" = $1`, (trail: Trail) => trail.exchanges[0]!],
    ["a judge's score", "JudgeScore", `UPDATE "JudgeScore" SET "compliance" = 5 WHERE "id" = $1`, (trail: Trail) => trail.scoreId],
    ["an admin change", "AdminChange", `UPDATE "AdminChange" SET "summary" = 'Nothing happened' WHERE "id" = $1`, (trail: Trail) => trail.adminChangeId],
    ["a reveal's reason", "RevealEvent", `UPDATE "RevealEvent" SET "reason" = 'Routine' WHERE "id" = $1`, (trail: Trail) => trail.revealId],
  ])("names the record when %s is edited", async (_what, table, sql, target) => {
    const trail = await writeTrail(provider);
    await dropGuards(trail.database, table);
    const id = target(trail);
    await rawQuery(trail.database, sql, [id]);
    const report = await verify(trail);
    expect(report.problems[0]).toMatchObject({ problem: "edited" });
    expect(report.problems[0]!.message).toMatch(/was edited/);
    // A passage or finding is part of its exchange, so the exchange is named.
    expect(report.problems[0]!.recordId).toBe(id);
    expect(report.problems).toHaveLength(1);
  });

  it("names an exchange that was deleted", async () => {
    const trail = await writeTrail(provider);
    for (const table of ["Exchange", "Passage", "Finding", "JudgeScore"]) await dropGuards(trail.database, table);
    await rawQuery(trail.database, `DELETE FROM "Exchange" WHERE "id" = $1`, [trail.exchanges[1]]);
    const report = await verify(trail);
    expect(report.problems[0]).toMatchObject({ problem: "deleted", recordId: trail.exchanges[1], position: 3 });
    expect(report.problems[0]!.message).toBe(`Exchange ${trail.exchanges[1]} (position 3) was deleted.`);
  });

  it("finds a record deleted together with its link", async () => {
    const trail = await writeTrail(provider);
    for (const table of ["Exchange", "Passage", "Finding", "AuditChainLink"]) await dropGuards(trail.database, table);
    await rawQuery(trail.database, `DELETE FROM "AuditChainLink" WHERE "position" = 3`);
    await rawQuery(trail.database, `DELETE FROM "Exchange" WHERE "id" = $1`, [trail.exchanges[1]]);
    const report = await verify(trail);
    expect(report.problems[0]).toMatchObject({ problem: "link-removed", position: 4, recordId: trail.exchanges[2] });
    expect(report.problems[0]!.message).toMatch(/skips from position 2 to 4/);
  });

  it("names records whose order was swapped", async () => {
    const trail = await writeTrail(provider);
    await dropGuards(trail.database, "AuditChainLink");
    await rawQuery(trail.database, `UPDATE "AuditChainLink" SET "position" = -1 WHERE "position" = 2`);
    await rawQuery(trail.database, `UPDATE "AuditChainLink" SET "position" = 2 WHERE "position" = 3`);
    await rawQuery(trail.database, `UPDATE "AuditChainLink" SET "position" = 3 WHERE "position" = -1`);
    const report = await verify(trail);
    expect(report.problems[0]).toMatchObject({ problem: "reordered", position: 2, recordId: trail.exchanges[1] });
    expect(report.problems[1]).toMatchObject({ problem: "reordered", position: 3, recordId: trail.exchanges[0] });
  });

  it("names a record added straight into the database", async () => {
    const trail = await writeTrail(provider);
    const reviewer = await trail.db.user.findFirstOrThrow();
    const label = await trail.db.reviewLabel.create({ data: { exchangeId: trail.exchanges[0]!, reviewerId: reviewer.id, verdict: "correct", notes: "planted" } });
    const report = await verify(trail);
    expect(report.problems).toEqual([expect.objectContaining({ problem: "unchained", kind: "review_label", recordId: label.id })]);
  });

  it("needs a checkpoint to notice the newest records cut off, and with one names where", async () => {
    const trail = await writeTrail(provider);
    const checkpoint = await createCheckpoint(trail.db);
    expect(checkpoint).toMatchObject({ position: 6, kind: "reveal_event", recordId: trail.revealId });
    expect((await verify(trail, checkpoint)).problems).toEqual([]);
    for (const table of ["RevealEvent", "AuditChainLink", "JudgeScore"]) await dropGuards(trail.database, table);
    await rawQuery(trail.database, `DELETE FROM "AuditChainLink" WHERE "position" >= 5`);
    await rawQuery(trail.database, `DELETE FROM "RevealEvent"`);
    await rawQuery(trail.database, `DELETE FROM "JudgeScore"`);
    expect((await verify(trail)).problems).toEqual([]);
    const report = await verify(trail, checkpoint);
    expect(report.problems).toEqual([expect.objectContaining({ problem: "truncated", position: 5, recordId: trail.revealId })]);
    expect(report.problems[0]!.message).toMatch(/the newest 2 record\(s\), from position 5, were removed/);
  });

  it("is checked by `cam audit verify` and `cam audit checkpoint`", async () => {
    const trail = await writeTrail(provider);
    const dir = mkdtempSync(join(tmpdir(), "cam-checkpoint-"));
    const checkpointFile = join(dir, "head.json");
    const env = { DATABASE_URL: trail.database.url };
    const written = await runCli(["audit", "checkpoint", "--out", checkpointFile], { env });
    expect(written.stdout).toMatch(/Wrote the checkpoint at position 6/);
    expect((await readCheckpoint(checkpointFile)).position).toBe(6);

    const clean = await runCli(["audit", "verify", "--checkpoint", checkpointFile], { env });
    expect(clean.stdout).toMatch(/The audit chain verifies: 6 records; head at position 6/);
    expect(clean.code).toBe(0);

    await dropGuards(trail.database, "Exchange");
    await rawQuery(trail.database, `UPDATE "Exchange" SET "action" = 'allow' WHERE "id" = $1`, [trail.exchanges[2]]);
    const broken = await runCli(["audit", "verify", "--checkpoint", checkpointFile], { env });
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain(`First problem:\n  Exchange ${trail.exchanges[2]} (position 4) was edited after it was written.`);

    writeFileSync(checkpointFile, "{ not json");
    const unreadable = await runCli(["audit", "verify", "--checkpoint", checkpointFile], { env });
    expect(unreadable.code).toBe(1);
    expect(unreadable.stderr).toMatch(/is not JSON; it is not a checkpoint written by `cam audit checkpoint`/);
  });
});
