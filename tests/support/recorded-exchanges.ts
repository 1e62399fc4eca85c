import { type ExchangeRecord, recordExchange } from "@/lib/agent/record-exchange";
import type { Db } from "@/lib/db";
import { createUser } from "@/lib/users/create-user";
import { EMAIL, PHONE } from "./audit-exchange";
import { createSampleScenario } from "./sample-records";

// Exchanges written through the app's own writer (recordExchange), so they are
// sealed, redacted and chained exactly as in production. Their questions and
// answers carry a phone number and an email address, which only the sealed
// originals may keep.

/** An exchange whose question carries a phone number and an email address, as clinicians' questions do. */
export function exchangeRecord(userId: string, index: number): ExchangeRecord {
  const question = `Patient ${index} asks whether I may share notes with their GP; call ${PHONE} or email ${EMAIL}.`;
  return {
    source: "console",
    userId,
    conversation: { startTitled: question },
    scenario: { id: "B", provider: "ollama", model: "gemma3:4b", retrieval: true, options: { temperature: 0.2 } },
    question,
    prompt: `Sources: [1] ...\nQuestion: ${question}`,
    rawAnswer: `Yes, send them to ${EMAIL} (see [1]).`,
    finalAnswer: `Share them only with consent; you can reach the patient on ${PHONE} (see [1]).`,
    action: index % 3 === 0 ? "warn" : "allow",
    needsReview: false,
    passages: [{ rank: 1, chunkId: "code.pdf::chunk-1", sourceTitle: "Code of conduct", label: "Code — 3.4", score: 0.7, text: "Seek consent first." }],
    findings: index % 3 === 0 ? [{ ruleId: "echoes-personal-identifiers", ruleVersion: 1, severity: "warn", message: "Repeats identifiers", clauses: ["APP 6"], evidence: PHONE }] : [],
    latency: { retrievalMs: 10, generationMs: 800 + index, checkingMs: 3, auditMs: 0, totalMs: 813 + index },
    totalMs: 813 + index,
    versions: { ruleSet: 1, settings: 1, store: "store-1" },
  };
}

/** A user, a scenario and `count` exchanges written by the app's own writer; returns the user's id and the exchange ids. */
export async function writeExchanges(db: Db, count: number, userId?: string): Promise<{ userId: string; ids: string[] }> {
  if (!userId) {
    await createSampleScenario(db, "B");
    userId = (await createUser(db, { email: "rhea@hospital.example", name: "Rhea", role: "reviewer", password: "correct horse battery" }, null)).id;
  }
  const ids: string[] = [];
  for (let index = 0; index < count; index++) {
    ids.push((await recordExchange(db, exchangeRecord(userId, index))).id);
    // Distinct creation times, so a --since boundary falls between two records.
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return { userId, ids };
}
