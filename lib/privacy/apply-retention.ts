import "server-only";
import type { Db } from "@/lib/db";
import type { Keyring } from "@/lib/privacy/encryption-keys";
import { destroyedMarker, openText, readDestroyed, type SealedColumn, sealedKeyId, textDigest } from "@/lib/privacy/sealed-text";

// After the retention period the sealed text of an exchange (question, prompt,
// answers, findings' evidence, judges' reasoning) is destroyed: each value is
// replaced by a marker holding the date and the digest the audit chain hashes,
// so the chain still verifies. The redacted question and answer, decisions,
// rules fired and timings remain for oversight.

const BATCH = 200;

export type RetentionReport = {
  cutoff: Date;
  dryRun: boolean;
  /** Exchanges whose text was (or, in a dry run, would be) destroyed. */
  exchanges: number;
  oldest: Date | null;
  newest: Date | null;
  values: number;
};

/** A destroyed marker for a sealed value, or null when it is absent or already destroyed. */
function destroy(keyring: Keyring, recordId: string, column: SealedColumn, value: string | null, now: Date): string | null {
  if (value == null || readDestroyed(value)) return null;
  const text = sealedKeyId(value) ? openText(keyring, column, value) : value;
  return destroyedMarker(now, textDigest(recordId, column, text));
}

/** Destroys (or, with dryRun, counts) the sealed text of exchanges created before `cutoff`. */
export async function applyRetention(
  db: Db,
  options: { keyring: Keyring; cutoff: Date; dryRun: boolean; onProgress?: (done: number) => void },
): Promise<RetentionReport> {
  const report: RetentionReport = { cutoff: options.cutoff, dryRun: options.dryRun, exchanges: 0, oldest: null, newest: null, values: 0 };
  const now = new Date();
  let after = "";
  for (;;) {
    const exchanges = await db.exchange.findMany({
      where: { createdAt: { lt: options.cutoff }, id: { gt: after }, NOT: { question: { startsWith: "cam0." } } },
      orderBy: { id: "asc" },
      take: BATCH,
      select: {
        id: true,
        createdAt: true,
        question: true,
        prompt: true,
        rawAnswer: true,
        finalAnswer: true,
        findings: { select: { id: true, evidence: true } },
        judgeScores: { select: { id: true, reasoning: true } },
      },
    });
    if (!exchanges.length) return report;
    after = exchanges.at(-1)!.id;
    await db.$transaction(async (tx) => {
      for (const exchange of exchanges) {
        const fields = {
          question: destroy(options.keyring, exchange.id, "Exchange.question", exchange.question, now),
          prompt: destroy(options.keyring, exchange.id, "Exchange.prompt", exchange.prompt, now),
          rawAnswer: destroy(options.keyring, exchange.id, "Exchange.rawAnswer", exchange.rawAnswer, now),
          finalAnswer: destroy(options.keyring, exchange.id, "Exchange.finalAnswer", exchange.finalAnswer, now),
        };
        const findings = exchange.findings.map((finding) => ({ id: finding.id, evidence: destroy(options.keyring, finding.id, "Finding.evidence", finding.evidence, now) }));
        const scores = exchange.judgeScores.map((score) => ({ id: score.id, reasoning: destroy(options.keyring, score.id, "JudgeScore.reasoning", score.reasoning, now) }));
        report.values += [...Object.values(fields), ...findings.map((f) => f.evidence), ...scores.map((s) => s.reasoning)].filter(Boolean).length;
        report.exchanges += 1;
        if (!report.oldest || exchange.createdAt < report.oldest) report.oldest = exchange.createdAt;
        if (!report.newest || exchange.createdAt > report.newest) report.newest = exchange.createdAt;
        if (options.dryRun) continue;
        const changed = Object.fromEntries(Object.entries(fields).filter(([, value]) => value));
        await tx.exchange.update({ where: { id: exchange.id }, data: changed });
        for (const finding of findings) if (finding.evidence) await tx.finding.update({ where: { id: finding.id }, data: { evidence: finding.evidence } });
        for (const score of scores) if (score.reasoning) await tx.judgeScore.update({ where: { id: score.id }, data: { reasoning: score.reasoning } });
      }
    });
    options.onProgress?.(report.exchanges);
  }
}
