import { describe, expect, it } from "vitest";
import { defaultRulePack } from "@/lib/compliance/default-rule-pack";
import { describeRulePackDiff, diffRulePacks, hasRuleChanges } from "@/lib/config/diff-rule-packs";
import { describeSettingsDiff, diffSettings } from "@/lib/config/diff-settings";
import type { RuleDefinition } from "@/lib/schemas/rules";
import { defaultSettings } from "@/lib/schemas/settings";

// Diffs of rule packs and settings, as the history, the review dialog and the admin-change log show them.

const pattern: RuleDefinition = {
  id: "no-guarantees",
  version: 1,
  description: "Promises an outcome.",
  message: "The answer promises an outcome.",
  severity: "warn",
  check: { kind: "pattern", pattern: "\\bguarantee[sd]?\\b", flags: "i", target: "answer" },
  clauses: [],
  enabled: true,
};

describe("diffRulePacks", () => {
  it("finds nothing between a pack and itself, whatever the key order", () => {
    const reordered = defaultRulePack.map((rule) => Object.fromEntries(Object.entries(rule).reverse()) as RuleDefinition);
    const diff = diffRulePacks(defaultRulePack, reordered);
    expect(hasRuleChanges(diff)).toBe(false);
    expect(diff.unchanged).toBe(defaultRulePack.length);
  });

  it("lists added, removed and changed rules, field by field", () => {
    const after = [
      ...defaultRulePack
        .filter((rule) => rule.id !== "diagnostic-certainty")
        .map((rule) =>
          rule.id === "medication-directive"
            ? { ...rule, enabled: false, version: 2 }
            : rule.id === "dosage-instructions"
              ? { ...rule, severity: "block" as const, clauses: ["APP 6"], version: 2 }
              : rule,
        ),
      pattern,
    ];
    const diff = diffRulePacks(defaultRulePack, after);
    expect(diff.added.map((rule) => rule.id)).toEqual(["no-guarantees"]);
    expect(diff.removed.map((rule) => rule.id)).toEqual(["diagnostic-certainty"]);
    expect(diff.reordered).toBe(false);
    expect(diff.changed.map((change) => [change.id, change.fields])).toEqual([
      [
        "medication-directive",
        [
          { field: "enabled", before: "on", after: "off" },
          { field: "version", before: "1", after: "2" },
        ],
      ],
      [
        "dosage-instructions",
        [
          { field: "severity", before: "warn", after: "block" },
          { field: "clauses", before: "none", after: "APP 6" },
          { field: "version", before: "1", after: "2" },
        ],
      ],
    ]);
    expect(describeRulePackDiff(diff)).toEqual([
      "turned off medication-directive",
      "changed dosage-instructions (severity, clauses)",
      "added rule no-guarantees (warn, pattern)",
      "removed rule diagnostic-certainty",
    ]);
  });

  it("shows pattern fields separately, and a change of kind as one check field", () => {
    const edited = { ...pattern, check: { ...pattern.check, pattern: "\\bpromise[sd]?\\b", flags: "im" } } as RuleDefinition;
    expect(diffRulePacks([pattern], [edited]).changed[0]?.fields).toEqual([
      { field: "pattern", before: "\\bguarantee[sd]?\\b", after: "\\bpromise[sd]?\\b" },
      { field: "flags", before: "i", after: "im" },
    ]);
    const builtin = { ...pattern, check: { kind: "builtin" as const, name: "dosage-instructions" } };
    expect(diffRulePacks([pattern], [builtin]).changed[0]?.fields).toEqual([
      { field: "check", before: "pattern /\\bguarantee[sd]?\\b/i on the answer", after: "built-in dosage-instructions" },
    ]);
  });

  it("explains a version-only change and a new order", () => {
    const reissued = defaultRulePack.map((rule) => (rule.id === "self-harm-instructions" ? { ...rule, version: 3 } : rule));
    const diff = diffRulePacks(defaultRulePack, [...reissued].reverse());
    expect(describeRulePackDiff(diff)).toEqual(["re-issued self-harm-instructions as version 3", "changed the order of the rules"]);
  });
});

describe("diffSettings", () => {
  it("lists changed settings with their labels, in form order, lists as added and removed entries", () => {
    const after = structuredClone(defaultSettings);
    after.limits.chatRequestsPerMinute = 5;
    after.retrieval.minSimilarity = 0.3;
    after.crisis.cues = [...after.crisis.cues.filter((cue) => cue !== "panic"), "hopeless"];
    after.answer.disclaimer = `${after.answer.disclaimer} Do not rely on it alone for clinical decisions about a particular person.`;
    const changes = diffSettings(defaultSettings, after);
    expect(changes.map((change) => [change.path, change.label, change.replay])).toEqual([
      ["retrieval.minSimilarity", "Minimum similarity", "approximated"],
      ["answer.disclaimer", "Disclaimer", "replayed"],
      ["crisis.cues", "Crisis cues", "not-replayed"],
      ["limits.chatRequestsPerMinute", "Questions per person per minute", "not-replayed"],
    ]);
    expect(changes[0]).toMatchObject({ before: "0.2", after: "0.3" });
    expect(changes[2]).toMatchObject({ added: ["hopeless"], removed: ["panic"] });
    expect(describeSettingsDiff(changes)).toEqual([
      "Minimum similarity 0.2 → 0.3",
      "Disclaimer changed",
      "Crisis cues: added hopeless; removed panic",
      "Questions per person per minute 20 → 5",
    ]);
  });

  it("finds nothing between equal settings", () => {
    expect(diffSettings(defaultSettings, structuredClone(defaultSettings))).toEqual([]);
  });

  it("describes booleans and judge lists readably", () => {
    const after = structuredClone(defaultSettings);
    after.judges.judgeConsoleAnswers = false;
    after.judges.models = after.judges.models.map((judge) => (judge.id === "gemini" ? { ...judge, enabled: false } : judge));
    const changes = diffSettings(defaultSettings, after);
    expect(changes.map((change) => change.label)).toEqual(["Judge console answers", "Judge models"]);
    expect(changes[0]).toMatchObject({ before: "yes", after: "no" });
    expect(changes[1]?.after).toContain("gemini (off)");
  });
});
