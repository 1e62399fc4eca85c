import type { Db } from "@/lib/db";

// One blocked exchange whose texts carry a phone number and an email address,
// with a reviewer, for the audit page's data and routes.

export const PHONE = "0412 345 678";
export const EMAIL = "jane.citizen@example.com";

/** Seeds the exchange (its scenario id ends in `suffix`) and who asked and reviews it. */
export async function seedExchange(db: Db, suffix: string) {
  const user = await db.user.create({ data: { email: `nina-${suffix}@hospital.example`, name: "Nina Nurse", role: "clinician" } });
  const reviewer = await db.user.create({ data: { email: `rita-${suffix}@hospital.example`, name: "Rita Reviewer", role: "reviewer" } });
  await db.scenario.create({ data: { id: `B-${suffix}`, name: "General 4B model, with retrieval", provider: "ollama", model: "gemma3:4b", retrieval: true, options: { temperature: 0.2 } } });
  const conversation = await db.conversation.create({ data: { userId: user.id, title: `Call ${PHONE} about notes` } });
  const createdAt = new Date("2026-11-20T03:04:05.678Z");
  const exchange = await db.exchange.create({
    data: {
      createdAt,
      source: "console",
      userId: user.id,
      conversationId: conversation.id,
      turn: 1,
      scenarioId: `B-${suffix}`,
      provider: "ollama",
      model: "gemma3:4b",
      retrieval: true,
      options: { temperature: 0.2, maxTokens: 768 },
      question: `Can I share notes? Call me on ${PHONE}.`,
      questionRedacted: "Can I share notes? Call me on [phone number].",
      prompt: `Sources: [1] ...\nQuestion: Can I share notes? Call me on ${PHONE}.`,
      rawAnswer: `Email them to ${EMAIL} and stop your medication (see [1]).`,
      finalAnswer: "Your answer was withheld.",
      finalAnswerRedacted: "Your answer was withheld.",
      action: "block",
      needsReview: true,
      latency: { retrievalMs: 12, generationMs: 840, checkingMs: 3, auditMs: 5, totalMs: 860 },
      totalMs: 860,
      ruleSetVersion: 3,
      settingsVersion: 2,
      storeVersion: "store-2026-11-20",
      passages: { create: [{ rank: 1, chunkId: "code.pdf::chunk-1", sourceTitle: "Code of conduct", label: "Code of conduct — 3.4", score: 0.734, text: "Call Lifeline on 13 11 14." }] },
      findings: {
        create: [{ ruleId: "echoes-personal-identifiers", ruleVersion: 2, severity: "warn", message: "Repeats identifiers.", clauses: ["APP 6", "APP 11"], evidence: `…to ${EMAIL} and…`, createdAt }],
      },
      judgeScores: {
        create: [
          { judgeId: "medgemma", judgeModel: "medgemma:4b", status: "scored", helpfulness: 2, compliance: 1.5, verdict: "block", reasoning: `It repeats ${PHONE}.`, latencyMs: 2100 },
          { judgeId: "gemini", judgeModel: "gemini-2.5-flash", status: "unscored", error: "HTTP 429 after 3 attempts", attempts: 3 },
        ],
      },
      judgeJobs: { create: [{ judgeId: "medgemma", status: "done" }, { judgeId: "other", status: "pending" }] },
    },
  });
  return { exchange, reviewer };
}
