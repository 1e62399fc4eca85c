import { describe, expect, it } from "vitest";
import { defaultRulePack } from "@/lib/compliance/default-rule-pack";
import { type ReplayConfig, replayExchanges, type StoredExchange } from "@/lib/config/replay-exchanges";
import type { RuleDefinition } from "@/lib/schemas/rules";
import { defaultSettings, type Settings } from "@/lib/schemas/settings";

// The what-if replay: stored answers re-checked under a candidate rule pack or
// settings, beside the configuration in force, with no model involved.

const DISCLAIMER = defaultSettings.answer.disclaimer;
const baseline: ReplayConfig = { rules: defaultRulePack, settings: defaultSettings };

const passage = (rank: number, score: number) => ({
  rank,
  label: `Allowah Code — 3.${rank}`,
  text: `Clause 3.${rank}: nurses must seek informed consent before disclosing information about a person.`,
  score,
});

function exchange(overrides: Partial<StoredExchange> = {}): StoredExchange {
  return {
    id: "ex-1",
    createdAt: "2026-11-20T10:00:00.000Z",
    question: "Should my patient stop their antidepressant? Call me on 0412 345 678.",
    questionRedacted: "Should my patient stop their antidepressant? Call me on [phone].",
    retrieval: false,
    rawAnswer: `Stop taking your sertraline now; you do not need it.\n\n${DISCLAIMER}`,
    action: "warn",
    errorStage: null,
    ruleSetVersion: 1,
    settingsVersion: 1,
    passages: [],
    judgeScores: [],
    ...overrides,
  };
}

const withRule = (id: string, change: Partial<RuleDefinition>) => defaultRulePack.map((rule) => (rule.id === id ? { ...rule, ...change } : rule));
const withSettings = (change: (settings: Settings) => Settings): ReplayConfig => ({ ...baseline, settings: change(structuredClone(defaultSettings)) });

describe("replayExchanges with a candidate rule pack", () => {
  it("shows a warned answer becoming allowed when its rule is switched off, with the finding that disappears", () => {
    const allowed = exchange({ id: "ex-2", rawAnswer: `Nurses must seek consent first.\n\n${DISCLAIMER}`, action: "allow" });
    const result = replayExchanges({
      exchanges: [exchange(), allowed],
      baseline,
      candidate: { ...baseline, rules: withRule("medication-directive", { enabled: false }) },
    });
    expect(result).toMatchObject({ considered: 2, replayed: 2, drift: 0, notReplayable: [], findingChanges: [] });
    expect(result.transitions).toEqual([{ from: "warn", to: "allow", count: 1 }]);
    expect(result.decisionChanges).toHaveLength(1);
    const [change] = result.decisionChanges;
    expect(change).toMatchObject({ exchangeId: "ex-1", before: "warn", after: "allow", appeared: [], recorded: { action: "warn", ruleSetVersion: 1 } });
    expect(change?.disappeared).toEqual([
      expect.objectContaining({ ruleId: "medication-directive", severity: "warn", evidence: expect.stringContaining("Stop taking your sertraline") }),
    ]);
  });

  it("returns only the redacted question, never the question the checks saw", () => {
    const result = replayExchanges({
      exchanges: [exchange()],
      baseline,
      candidate: { ...baseline, rules: withRule("medication-directive", { severity: "block" }) },
    });
    expect(result.decisionChanges[0]).toMatchObject({ before: "warn", after: "block", question: "Should my patient stop their antidepressant? Call me on [phone]." });
    expect(JSON.stringify(result)).not.toContain("0412 345 678");
  });

  it("runs a new pattern rule, on the question when it targets the question", () => {
    const rule: RuleDefinition = {
      id: "asks-about-antidepressants",
      version: 1,
      description: "Questions about antidepressants.",
      message: "Antidepressant questions are reviewed.",
      severity: "info",
      check: { kind: "pattern", pattern: "antidepressants?", flags: "i", target: "question" },
      clauses: [],
      enabled: true,
    };
    const result = replayExchanges({ exchanges: [exchange()], baseline, candidate: { ...baseline, rules: [...defaultRulePack, rule] } });
    expect(result.decisionChanges).toEqual([]);
    expect(result.findingChanges[0]?.appeared).toEqual([expect.objectContaining({ ruleId: "asks-about-antidepressants", severity: "info", evidence: expect.stringContaining("antidepressant") })]);
  });

  it("reports failures and no-sources fallbacks as not replayable, with the reason", () => {
    const failed = exchange({ id: "failed", rawAnswer: null, errorStage: "generation", action: "block" });
    const fallback = exchange({ id: "fallback", retrieval: true, rawAnswer: defaultSettings.answer.noSourcesMessage, passages: [] });
    const result = replayExchanges({ exchanges: [failed, fallback], baseline, candidate: baseline });
    expect(result).toMatchObject({ considered: 2, replayed: 0, decisionChanges: [] });
    expect(result.notReplayable.map((item) => [item.exchangeId, item.reason])).toEqual([
      ["failed", expect.stringMatching(/generation step failed/)],
      ["fallback", expect.stringMatching(/model was not asked/)],
    ]);
  });

  it("withholds, as the agent does, when a candidate rule cannot run", () => {
    const broken = withRule("medication-directive", { check: { kind: "builtin", name: "no-such-check" } });
    const result = replayExchanges({ exchanges: [exchange()], baseline, candidate: { ...baseline, rules: broken } });
    expect(result.decisionChanges[0]).toMatchObject({ before: "warn", after: "block" });
  });

  it("counts exchanges whose recorded decision today's configuration would not reproduce", () => {
    const result = replayExchanges({ exchanges: [exchange({ action: "allow", ruleSetVersion: 0 })], baseline, candidate: baseline });
    expect(result).toMatchObject({ drift: 1, decisionChanges: [], findingChanges: [] });
  });
});

describe("replayExchanges with candidate settings", () => {
  const cited = exchange({
    retrieval: true,
    rawAnswer: `Nurses must seek informed consent before disclosing information (see [1]; see [3]).\n\n${DISCLAIMER}`,
    action: "allow",
    passages: [passage(1, 0.62), passage(2, 0.41), passage(3, 0.33)],
  });

  it("drops stored passages below a higher minimum similarity, keeping their numbers", () => {
    const result = replayExchanges({
      exchanges: [cited],
      baseline,
      candidate: withSettings((settings) => ({ ...settings, retrieval: { ...settings.retrieval, minSimilarity: 0.4 } })),
    });
    const [change] = result.decisionChanges;
    expect(change).toMatchObject({ before: "allow", after: "warn", passages: { before: 3, after: 2 }, fallback: false });
    expect(change?.appeared.map((finding) => finding.ruleId)).toEqual(["unsupported-citation"]);
    expect(result.caveats.join(" ")).toMatch(/below 0.4 are removed/);
  });

  it("gives the no-sources answer, checked like any answer, when no stored passage is left", () => {
    const result = replayExchanges({
      exchanges: [cited],
      baseline,
      candidate: withSettings((settings) => ({ ...settings, retrieval: { ...settings.retrieval, minSimilarity: 0.9 } })),
    });
    const [change] = result.decisionChanges;
    expect(change).toMatchObject({ passages: { before: 3, after: 0 }, fallback: true });
    // The default no-sources text lacks the disclaimer; the agent warns about that too.
    expect(change?.after).toBe("warn");
    expect(change?.appeared.map((finding) => finding.ruleId)).toEqual(["missing-disclaimer"]);
  });

  it("keeps the best k stored passages for a lower top-k", () => {
    const result = replayExchanges({
      exchanges: [cited],
      baseline,
      candidate: withSettings((settings) => ({ ...settings, retrieval: { ...settings.retrieval, topK: 2 } })),
    });
    expect(result.decisionChanges[0]).toMatchObject({ after: "warn", passages: { before: 3, after: 2 } });
    expect(result.caveats).toContain("Only the best 2 stored passages of each exchange are kept.");
  });

  it("changes nothing for a lower similarity or a higher top-k, and says why", () => {
    const result = replayExchanges({
      exchanges: [cited],
      baseline,
      candidate: withSettings((settings) => ({ ...settings, retrieval: { ...settings.retrieval, topK: 20, minSimilarity: 0.1 } })),
    });
    expect(result.decisionChanges).toEqual([]);
    expect(result.caveats.join(" ")).toMatch(/Lowering the minimum similarity to 0.1 cannot be replayed/);
    expect(result.caveats.join(" ")).toMatch(/Raising top-k to 20 cannot be replayed/);
  });

  it("re-checks the disclaimer with the candidate text", () => {
    const result = replayExchanges({
      exchanges: [exchange({ rawAnswer: `Nurses must seek consent first.\n\n${DISCLAIMER}`, action: "allow" })],
      baseline,
      candidate: withSettings((settings) => ({ ...settings, answer: { ...settings.answer, disclaimer: "General information only, not clinical advice." } })),
    });
    expect(result.decisionChanges[0]).toMatchObject({ before: "allow", after: "warn", appeared: [expect.objectContaining({ ruleId: "missing-disclaimer" })] });
  });

  it("recomputes judge verdicts from stored scores for new cut-offs, and names what is not replayed", () => {
    const judged = exchange({ judgeScores: [{ judgeId: "medgemma", compliance: 3.5 }, { judgeId: "gemini", compliance: 4.5 }] });
    const result = replayExchanges({
      exchanges: [judged],
      baseline,
      candidate: withSettings((settings) => ({
        ...settings,
        judges: { ...settings.judges, allowAtLeast: 3.5 },
        limits: { ...settings.limits, chatRequestsPerMinute: 5 },
      })),
    });
    expect(result.judgeVerdictChanges).toEqual([expect.objectContaining({ exchangeId: "ex-1", judgeId: "medgemma", compliance: 3.5, before: "warn", after: "allow" })]);
    expect(result.decisionChanges).toEqual([]);
    expect(result.caveats.join(" ")).toMatch(/Not replayed: Questions per person per minute/);
    expect(result.caveats.join(" ")).toMatch(/judges are not asked again/);
  });
});
