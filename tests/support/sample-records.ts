import type { Db } from "@/lib/db";

// Realistic records for tests: one user, one scenario, and exchanges with
// everything that happens to a question.

export async function createSampleUser(db: Db, role: "clinician" | "reviewer" | "admin" = "clinician", email = `${role}@hospital.example`) {
  return db.user.create({ data: { email, name: `Test ${role}`, role } });
}

export async function createSampleScenario(db: Db, id = "B") {
  return db.scenario.create({
    data: {
      id,
      name: "General 4B model with retrieval",
      provider: "ollama",
      model: "gemma3:4b",
      retrieval: true,
      options: { temperature: 0.2, numCtx: 8192, maxTokens: 768, seed: 7 },
    },
  });
}

/**
 * An exchange with two passages, a finding, two judge scores and a finished judge job.
 * `judged: false` leaves out the scores and the job, for tests of judging itself.
 */
export async function createSampleExchange(
  db: Db,
  options: {
    userId: string;
    scenarioId: string;
    action?: "allow" | "warn" | "block";
    createdAt?: Date;
    finalAnswer?: string;
    judged?: boolean;
  },
) {
  const createdAt = options.createdAt ?? new Date();
  const action = options.action ?? "warn";
  const conversation = await db.conversation.create({ data: { userId: options.userId, title: "Disclosure without consent" } });
  return db.exchange.create({
    data: {
      createdAt,
      source: "console",
      userId: options.userId,
      conversationId: conversation.id,
      scenarioId: options.scenarioId,
      provider: "ollama",
      model: "gemma3:4b",
      retrieval: true,
      options: { temperature: 0.2 },
      question: "Under what conditions can a psychologist disclose notes without consent?",
      prompt: "Sources:\n[1] ...\n[2] ...\nQuestion: ...",
      rawAnswer: "Stop taking your medication and disclose the notes (see [1]).",
      finalAnswer: options.finalAnswer ?? "Warning: medication directive.\n\nDisclose only where the law requires it (see [1]).",
      action,
      needsReview: action === "block",
      latency: { retrievalMs: 12, generationMs: 840, checkingMs: 3, auditMs: 5 },
      totalMs: 860,
      ruleSetVersion: 1,
      settingsVersion: 1,
      storeVersion: "store-2026-11-26",
      passages: {
        create: [
          { rank: 1, chunkId: "good_medical_practice_code_2009.pdf::chunk-12", sourceTitle: "Good medical practice", label: "Good medical practice — 3.4", score: 0.71, text: "Confidentiality and privacy..." },
          { rank: 2, chunkId: "ahpra_regulatory_guide_full_2021.pdf::chunk-40", sourceTitle: "Ahpra regulatory guide", label: "Ahpra regulatory guide — s 150", score: 0.52, text: "Immediate action..." },
        ],
      },
      findings: {
        create: [
          { ruleId: "medication-directive", ruleVersion: 1, severity: "warn", message: "Medication directive", clauses: ["GMP 3.4"], evidence: "Stop taking your medication", createdAt },
        ],
      },
      judgeScores: {
        create: options.judged === false ? [] : [
          { judgeId: "medgemma", judgeModel: "medgemma:4b", status: "scored", helpfulness: 4, compliance: 3, verdict: "warn", reasoning: "Mostly grounded.", latencyMs: 2100 },
          { judgeId: "gemini", judgeModel: "gemini-2.5-flash", status: "unscored", error: "HTTP 429 after 3 attempts", attempts: 3 },
        ],
      },
      judgeJobs: { create: options.judged === false ? [] : [{ judgeId: "medgemma", status: "done", attempts: 1 }] },
    },
    include: { passages: { orderBy: { rank: "asc" } }, findings: true, judgeScores: true, judgeJobs: true },
  });
}
