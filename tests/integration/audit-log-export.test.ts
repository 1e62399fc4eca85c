import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { addReviewLabel } from "@/lib/audit/add-review-label";
import { decodeAuditLogCursor } from "@/lib/audit/audit-log-cursor";
import { exportAuditLog } from "@/lib/audit/export-audit-log";
import { recordAdminChange } from "@/lib/audit/record-admin-change";
import { revealExchange } from "@/lib/audit/reveal-exchange";
import { recordJudgeScore } from "@/lib/judges/queue/record-judge-score";
import { EMAIL, PHONE } from "../support/audit-exchange";
import { writeExchanges } from "../support/recorded-exchanges";
import { runCli } from "../support/run-cli";
import { migratedDatabaseForSuite, providers } from "../support/test-databases";

// `cam audit export` ships the audit trail to a central log service: JSON
// Lines of every kind of chained record with redacted text only, resumable
// from the cursor each run prints, never repeating or skipping a record.

const cursorOf = (stderr: string) => /^next cursor: (\S+)$/m.exec(stderr)?.[1];
const idsOf = (jsonl: string) => jsonl.split("\n").filter(Boolean).map((line) => (JSON.parse(line) as { id: string }).id);

describe.each(providers)("cam audit export on %s", (provider) => {
  const suite = migratedDatabaseForSuite(provider);

  it("continues from its cursor without repeating or skipping records, with identifiers redacted", async () => {
    const first = await writeExchanges(suite.db, 5);
    const since = (await suite.db.exchange.findUniqueOrThrow({ where: { id: first.ids[2]! } })).createdAt.toISOString();
    const env = { DATABASE_URL: suite.database.url };
    const out = join(mkdtempSync(join(tmpdir(), "cam-export-")), "audit.jsonl");

    const run1 = await runCli(["audit", "export", "--since", since, "--format", "jsonl", "--out", out], { env });
    expect(run1.stderr).not.toMatch(/cam:/);
    expect(run1.code).toBe(0);
    const shipped1 = readFileSync(out, "utf8");
    expect(idsOf(shipped1)).toEqual(first.ids.slice(2));
    expect(run1.stderr).toMatch(/Exported 3 audit record\(s\)/);
    const cursor1 = cursorOf(run1.stderr);
    expect(cursor1).toBeDefined();

    const later = await writeExchanges(suite.db, 4, first.userId);
    const run2 = await runCli(["audit", "export", "--since", since, "--format", "jsonl", "--cursor", cursor1!], { env });
    expect(run2.code).toBe(0);
    expect(idsOf(run2.stdout)).toEqual(later.ids);
    const cursor2 = cursorOf(run2.stderr);

    const run3 = await runCli(["audit", "export", "--format", "jsonl", "--cursor", cursor2!], { env });
    expect(run3.code).toBe(0);
    expect(run3.stdout).toBe("");
    expect(cursorOf(run3.stderr)).toBe(cursor2);

    const shipped = shipped1 + run2.stdout;
    expect(shipped).not.toContain(PHONE);
    expect(shipped).not.toContain(EMAIL);
    const record = JSON.parse(shipped.split("\n")[0]!) as Record<string, unknown>;
    expect(record.question).toMatch(/^Patient 2 asks whether I may share notes with their GP; call \[phone number\] or email \[email\]\.$/);
    expect(Object.keys(record).slice(0, 2)).toEqual(["recordType", "chainPosition"]);
    expect(record.recordType).toBe("exchange");
    expect(Object.keys(record)).toEqual(expect.arrayContaining(["id", "createdAt", "action", "rules", "judges", "question", "finalAnswer"]));
    expect(record).not.toHaveProperty("answer");
  });

  it("pages through the chain in order, a batch at a time", async () => {
    const lines: string[] = [];
    const positions: number[] = [];
    for await (const batch of exportAuditLog(suite.db, { after: 0, batchSize: 2 })) {
      lines.push(...batch.lines);
      positions.push(batch.lastPosition);
    }
    const links = await suite.db.auditChainLink.findMany({ orderBy: { position: "asc" } });
    expect(links.length).toBeGreaterThan(4);
    expect(idsOf(lines.join(""))).toEqual(links.map((link) => link.recordId));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it("ships every kind of record in chain order, with no sealed text and identifiers replaced in what people typed", async () => {
    const db = suite.db;
    const head = await db.auditChainLink.findFirstOrThrow({ orderBy: { position: "desc" } });
    const reviewer = await db.user.findUniqueOrThrow({ where: { email: "rhea@hospital.example" } });
    const [exchangeId] = (await writeExchanges(db, 1, reviewer.id)).ids as [string];
    await addReviewLabel(db, { exchangeId, reviewerId: reviewer.id, label: { verdict: "too_lenient", escalation: "high", notes: `Rang the patient on ${PHONE} about it.` } });
    await revealExchange(db, { exchangeId, userId: reviewer.id, body: { reason: `Complaint received from ${EMAIL}.` } });
    const reasoning = "The answer cites the code correctly and defers to the clinician.";
    await db.$transaction((tx) =>
      recordJudgeScore(tx, exchangeId, { status: "scored", judgeId: "medgemma", judgeModel: "medgemma:4b", helpfulness: 4, compliance: 4.5, verdict: "allow", reasoning, attempts: 1, latencyMs: 900 }),
    );
    await db.$transaction((tx) => recordAdminChange(tx, { actorId: reviewer.id, action: "rules.toggle", entityType: "rule", entityId: "missing-disclaimer", summary: "Turned off missing-disclaimer", before: { enabled: true }, after: { enabled: false } }));

    const lines: string[] = [];
    for await (const batch of exportAuditLog(db, { after: head.position })) lines.push(...batch.lines);
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records.map((record) => record.recordType)).toEqual(["exchange", "review_label", "reveal_event", "judge_score", "admin_change"]);
    expect(records.map((record) => record.chainPosition)).toEqual([1, 2, 3, 4, 5].map((step) => head.position + step));
    expect(records[1]).toMatchObject({ exchangeId, verdict: "too_lenient", escalation: "high", reviewerEmail: reviewer.email, notes: "Rang the patient on [phone number] about it." });
    expect(records[2]).toMatchObject({ exchangeId, userEmail: reviewer.email, reason: "Complaint received from [email]." });
    expect(records[3]).toMatchObject({ exchangeId, judgeId: "medgemma", status: "scored", compliance: 4.5, verdict: "allow" });
    expect(records[4]).toMatchObject({ action: "rules.toggle", entityId: "missing-disclaimer", actorEmail: reviewer.email, before: { enabled: true }, after: { enabled: false } });
    const shipped = lines.join("");
    for (const secret of [PHONE, EMAIL, reasoning, "cam1."]) expect(shipped).not.toContain(secret);

    const env = { DATABASE_URL: suite.database.url };
    const cursor = cursorOf((await runCli(["audit", "export", "--format", "jsonl", "--since", "2000-01-01T00:00:00Z", "--kinds", "exchange"], { env })).stderr);
    expect(decodeAuditLogCursor(cursor!)).toBe(head.position + 1);
    const picked = await runCli(["audit", "export", "--format", "jsonl", "--since", "2000-01-01T00:00:00Z", "--kinds", "reveal_event, admin_change"], { env });
    expect(picked.code).toBe(0);
    expect(picked.stdout.split("\n").filter(Boolean).map((line) => JSON.parse(line).recordType)).toEqual(["admin_change", "reveal_event", "admin_change"]);
    const unknown = await runCli(["audit", "export", "--format", "jsonl", "--since", "2000-01-01T00:00:00Z", "--kinds", "exchange,passwords"], { env });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/kinds must be a comma-separated list of: exchange, judge_score, review_label, reveal_event, admin_change/);
  });

  it("refuses a damaged cursor and says what to pass instead", async () => {
    const result = await runCli(["audit", "export", "--format", "jsonl", "--cursor", "not-a-cursor"], { env: { DATABASE_URL: suite.database.url } });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/--cursor value is damaged/);
  });
});
