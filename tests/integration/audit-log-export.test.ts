import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { exportAuditLog } from "@/lib/audit/export-audit-log";
import { EMAIL, PHONE } from "../support/audit-exchange";
import { writeExchanges } from "../support/recorded-exchanges";
import { runCli } from "../support/run-cli";
import { migratedDatabaseForSuite, providers } from "../support/test-databases";

// `cam audit export` ships exchange records to a central log service: JSON
// Lines of redacted text, resumable from the cursor each run prints, never
// repeating or skipping a record.

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
    expect(run1.stderr).toMatch(/Exported 3 exchange record\(s\)/);
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
    const exchanges = await suite.db.exchange.findMany({ select: { id: true } });
    const links = await suite.db.auditChainLink.findMany({ where: { kind: "exchange" }, orderBy: { position: "asc" } });
    expect(idsOf(lines.join(""))).toEqual(links.map((link) => link.recordId));
    expect(lines).toHaveLength(exchanges.length);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it("refuses a damaged cursor and says what to pass instead", async () => {
    const result = await runCli(["audit", "export", "--format", "jsonl", "--cursor", "not-a-cursor"], { env: { DATABASE_URL: suite.database.url } });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/--cursor value is damaged/);
  });
});
