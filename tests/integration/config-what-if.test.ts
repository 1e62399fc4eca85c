import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AgentDeps, answerQuestion } from "@/lib/agent/answer-question";
import { defaultRulePack } from "@/lib/compliance/default-rule-pack";
import { runRuleTest } from "@/lib/config/run-rule-test";
import { runWhatIf } from "@/lib/config/run-what-if";
import { saveRulePack } from "@/lib/config/save-rule-pack";
import { saveSettings } from "@/lib/config/save-settings";
import type { Db } from "@/lib/db";
import { createModelClient } from "@/lib/llm/create-model-client";
import { defaultSettings } from "@/lib/schemas/settings";
import { seedDatabase } from "@/prisma/seed";
import { startFakeOllama } from "../fakes/fake-ollama-server";
import type { FakeServer } from "../fakes/http-server";
import type { FakeReply } from "../fakes/scripted-replies";
import { createReviewer, previewAndApprove } from "../support/config-reviewer";
import { createTestDatabase, providers, type TestDatabase } from "../support/test-databases";

// The what-if preview on exchanges the agent really recorded (with a fake
// Ollama), and the proof that a draft is not used until it is approved, and
// an approved change is what the next answer uses.

const DISCLAIMER = defaultSettings.answer.disclaimer;
const DIRECTIVE = `Stop taking your sertraline now; you do not need it.\n\n${DISCLAIMER}`;
let ollama: FakeServer;
const script: { next: FakeReply } = { next: "" };

beforeAll(async () => {
  ollama = await startFakeOllama({ script: () => script.next });
});
afterAll(() => ollama.close());

describe.each(providers)("what-if and the next answer on %s", (provider) => {
  let database: TestDatabase;
  let db: Db;
  let adminId: string;
  let deps: AgentDeps;

  beforeAll(async () => {
    database = await createTestDatabase(provider, { migrate: true });
    db = database.db();
    await seedDatabase(db, { adminEmail: "admin@hospital.example", adminPassword: "an-admin-password" });
    adminId = (await db.user.findFirstOrThrow({ where: { role: "admin" } })).id;
    const client = createModelClient({ provider: "ollama", host: ollama.url, retries: 1, retryBaseDelayMs: 10 });
    deps = {
      db,
      retrieve: async () => {
        throw new Error("scenario A does not retrieve");
      },
      modelClient: () => client,
    };
  });
  afterAll(() => database.drop());

  const ask = (question: string, answer: FakeReply) => {
    script.next = answer;
    return answerQuestion(deps, { question, scenarioId: "A", userId: adminId, source: "console" });
  };
  const withoutDirective = defaultRulePack.map((rule) => (rule.id === "medication-directive" ? { ...rule, enabled: false } : rule));

  it("previews which recorded decisions a rule change would alter, without calling the model", async () => {
    const warned = await ask("Should my patient stop their antidepressant? Her number is 0412 345 678.", DIRECTIVE);
    const allowed = await ask("What are professional boundaries?", `Nurses keep professional boundaries.\n\n${DISCLAIMER}`);
    expect([warned.action, allowed.action]).toEqual(["warn", "allow"]);
    const calls = ollama.received.length;

    const result = await runWhatIf(db, { limit: 200, change: { kind: "rules", rules: withoutDirective } });
    expect(ollama.received.length).toBe(calls);
    expect(result).toMatchObject({ considered: 2, replayed: 2, drift: 0, limit: 200, versions: { ruleSet: 1, settings: 1 } });
    expect(result.decisionChanges).toEqual([
      expect.objectContaining({
        exchangeId: warned.exchangeId,
        before: "warn",
        after: "allow",
        question: "Should my patient stop their antidepressant? Her number is [phone number].",
        disappeared: [expect.objectContaining({ ruleId: "medication-directive" })],
      }),
    ]);

    const one = await runWhatIf(db, { limit: 1, change: { kind: "rules", rules: withoutDirective } });
    expect(one).toMatchObject({ considered: 1, decisionChanges: [] });
  });

  it("previews a settings change on stored passages and reports exchanges it cannot replay", async () => {
    await db.exchange.create({
      data: {
        source: "console",
        scenarioId: "B",
        provider: "ollama",
        model: "gemma3:4b",
        retrieval: true,
        options: {},
        question: "When may notes be disclosed?",
        questionRedacted: "When may notes be disclosed?",
        rawAnswer: `Only with consent (see [2]).\n\n${DISCLAIMER}`,
        finalAnswer: "Only with consent.",
        action: "allow",
        latency: {},
        totalMs: 1,
        ruleSetVersion: 1,
        settingsVersion: 1,
        passages: {
          create: [
            { rank: 1, chunkId: "a", sourceTitle: "Code", label: "Code — 3.1", score: 0.5, text: "Consent comes first." },
            { rank: 2, chunkId: "b", sourceTitle: "Code", label: "Code — 3.2", score: 0.25, text: "Notes may be disclosed with consent." },
          ],
        },
      },
    });
    await expect(ask("Will this fail?", { status: 400 })).rejects.toThrow(/recorded as/);
    const values = structuredClone(defaultSettings);
    values.retrieval.minSimilarity = 0.3;
    const result = await runWhatIf(db, { limit: 10, change: { kind: "settings", values } });
    expect(result.decisionChanges).toEqual([
      expect.objectContaining({ before: "allow", after: "warn", passages: { before: 2, after: 1 }, appeared: [expect.objectContaining({ ruleId: "unsupported-citation" })] }),
    ]);
    expect(result.caveats.join(" ")).toMatch(/below 0.3 are removed/);
    expect(result.notReplayable).toEqual([expect.objectContaining({ question: "Will this fail?", reason: expect.stringMatching(/generation step failed/) })]);
  });

  it("tests one rule on sample text with the disclaimer in force", async () => {
    const rule = defaultRulePack.find((item) => item.id === "missing-disclaimer")!;
    expect(await runRuleTest(db, { rule, question: "", answer: "Just an answer." })).toMatchObject({ fires: true, outcome: "warn" });
    expect(await runRuleTest(db, { rule, question: "", answer: `An answer.\n\n${DISCLAIMER}` })).toMatchObject({ fires: false });
  });

  it("checks answers with the version in force until a draft is approved, then with the approved version", async () => {
    const reviewerId = await createReviewer(db);
    const saved = await saveRulePack(db, { actorId: adminId, body: { baseVersion: 1, rules: withoutDirective, note: "" } });
    const meanwhile = await ask("Should my patient stop their antidepressant?", DIRECTIVE);
    expect(meanwhile).toMatchObject({ action: "warn", versions: { ruleSet: 1 } });
    await previewAndApprove(db, { kind: "rules", version: saved.version, reviewerId });
    const next = await ask("Should my patient stop their antidepressant?", DIRECTIVE);
    expect(next.action).toBe("allow");
    expect(next.versions.ruleSet).toBe(saved.version);
    expect(next.findings.map((finding) => finding.ruleId)).not.toContain("medication-directive");
    const recorded = await db.exchange.findUniqueOrThrow({ where: { id: next.exchangeId } });
    expect(recorded.ruleSetVersion).toBe(saved.version);

    const values = structuredClone(defaultSettings);
    values.answer.disclaimer = "General information only; check it with a clinician.";
    const settings = await saveSettings(db, { actorId: adminId, body: { baseVersion: 1, values, note: "" } });
    await previewAndApprove(db, { kind: "settings", version: settings.version, reviewerId });
    const after = await ask("What are professional boundaries?", `Nurses keep professional boundaries.\n\n${DISCLAIMER}`);
    expect(after.versions.settings).toBe(settings.version);
    expect(after.findings.map((finding) => finding.ruleId)).toContain("missing-disclaimer");
    expect(after.text.endsWith("General information only; check it with a clinician.")).toBe(true);
  });
});
