import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AgentDeps, answerQuestion } from "@/lib/agent/answer-question";
import { getExchangeDetail } from "@/lib/audit/get-exchange-detail";
import { approvedJudgeClient } from "@/lib/judges/approved-judge-client";
import { defaultJudges } from "@/lib/judges/judge-config";
import { createModelClient } from "@/lib/llm/create-model-client";
import { requireTransferApproval, setTransferApproval } from "@/lib/privacy/transfer-approvals";
import { seedDatabase } from "@/prisma/seed";
import { startFakeGemini } from "../fakes/fake-gemini-server";
import type { FakeServer } from "../fakes/http-server";
import { migratedDatabaseForSuite, providers } from "../support/test-databases";

// Questions go to a model service outside Australia only after an admin has
// recorded the privacy assessment that allows it; stopping it takes effect at
// once, for answers and judges alike. The Gemini server is a protocol-faithful
// fake driven by the real @google/genai client, so "not sent" is observable.

let gemini: FakeServer;
beforeAll(async () => {
  gemini = await startFakeGemini({ script: () => "Seek consent before disclosing (general information only)." });
});
afterAll(() => gemini.close());

const ASSESSMENT = "Privacy impact assessment PIA-2026-14 approved by the privacy officer; data processed in Google's Sydney region.";

describe.each(providers)("transfers outside Australia on %s", (provider) => {
  const suite = migratedDatabaseForSuite(provider);
  let deps: AgentDeps;
  let adminId: string;
  let userId: string;

  beforeAll(async () => {
    const db = suite.db;
    await seedDatabase(db, { adminEmail: "ada@hospital.example", adminPassword: "an-admin-password" });
    adminId = (await db.user.findUniqueOrThrow({ where: { email: "ada@hospital.example" } })).id;
    userId = (await db.user.create({ data: { email: "nina@hospital.example", name: "Nina", role: "clinician" } })).id;
    await db.scenario.create({ data: { id: "G", name: "Gemini, no retrieval", provider: "gemini", model: "gemini-2.5-flash", retrieval: false, options: { temperature: 0.2 } } });
    const client = createModelClient({ provider: "gemini", apiKey: "test-key", baseUrl: gemini.url, retries: 0, retryBaseDelayMs: 1 });
    deps = { db, retrieve: () => Promise.reject(new Error("scenario G does not retrieve")), modelClient: () => client };
  });

  const ask = () => answerQuestion(deps, { question: "May I share notes with a GP?", scenarioId: "G", userId, source: "console" });
  const generateCalls = () => gemini.received.filter((request) => request.path.includes(":generateContent")).length;

  it("refuses before anything is sent, and says who can allow it and where", async () => {
    const before = generateCalls();
    await expect(ask()).rejects.toThrow(/outside Australia\) is turned off\. An administrator can allow it under Admin → Scenarios/);
    expect(generateCalls()).toBe(before);
    expect(await requireTransferApproval(suite.db, "ollama")).toBeNull();
  });

  it("sends once allowed, recording the approval on the exchange and the decision in the admin log", async () => {
    const approval = await setTransferApproval(suite.db, { service: "gemini", enabled: true, assessment: ASSESSMENT }, adminId);
    const answer = await ask();
    expect(answer.text).toContain("Seek consent");
    const exchange = await suite.db.exchange.findUniqueOrThrow({ where: { id: answer.exchangeId } });
    expect(exchange.transferApprovalId).toBe(approval.id);
    expect((await getExchangeDetail(suite.db, answer.exchangeId)).transfer).toEqual({
      service: "gemini",
      assessment: ASSESSMENT,
      decidedBy: "ada@hospital.example",
      decidedAt: approval.createdAt,
    });
    const change = await suite.db.adminChange.findFirstOrThrow({ where: { entityId: approval.id } });
    expect(change).toMatchObject({ actorId: adminId, action: "transfer.allow" });
    expect(await suite.db.auditChainLink.count({ where: { recordId: change.id } })).toBe(1);
  });

  it("stops at once when an admin turns it off, judges included", async () => {
    await setTransferApproval(suite.db, { service: "gemini", enabled: false, assessment: "Stopped pending review of the new data-residency terms." }, adminId);
    await expect(ask()).rejects.toThrow(/turned off/);
    const judge = defaultJudges.find((candidate) => candidate.provider === "gemini")!;
    const client = await approvedJudgeClient(suite.db, judge, () => createModelClient({ provider: "gemini", apiKey: "test-key", baseUrl: gemini.url }));
    expect(client).toEqual({ disabled: expect.stringMatching(/outside Australia\) is turned off/) });
  });
});
