import { describe, expect, it } from "vitest";
import { defaultRulePack } from "@/lib/compliance/default-rule-pack";
import { bumpRuleVersions, highestRuleVersions } from "@/lib/config/bump-rule-versions";
import type { RuleDraft } from "@/lib/schemas/config-changes";
import { rulePackDraftSchema, saveRulePackBodySchema } from "@/lib/schemas/config-changes";

// A rule's own version: kept while its definition is unchanged, raised above
// any earlier number as soon as it changes, so (id, version) never names two definitions.

const none = new Map<string, number>();
const edit = (id: string, change: Partial<RuleDraft>) => defaultRulePack.map((rule) => (rule.id === id ? { ...rule, ...change } : rule));

describe("bumpRuleVersions", () => {
  it("keeps every version when nothing changes", () => {
    expect(bumpRuleVersions({ active: defaultRulePack, draft: defaultRulePack, highestVersions: none })).toEqual(defaultRulePack);
  });

  it("raises only the changed rule, and ignores versions sent by the client", () => {
    const draft = edit("medication-directive", { enabled: false, version: 99 });
    const bumped = bumpRuleVersions({ active: defaultRulePack, draft, highestVersions: none });
    expect(bumped.find((rule) => rule.id === "medication-directive")).toMatchObject({ enabled: false, version: 2 });
    expect(bumped.filter((rule) => rule.version !== 1).map((rule) => rule.id)).toEqual(["medication-directive"]);
  });

  it("keeps the version when a rule's draft differs only in key order or client version", () => {
    const draft = defaultRulePack.map((rule) => ({ ...Object.fromEntries(Object.entries(rule).reverse()), version: undefined }) as RuleDraft);
    expect(bumpRuleVersions({ active: defaultRulePack, draft, highestVersions: none }).map((rule) => rule.version)).toEqual(defaultRulePack.map(() => 1));
  });

  it("never reuses a number: a rolled-back or re-added rule goes above the highest it ever had", () => {
    const history = highestRuleVersions([defaultRulePack, edit("medication-directive", { version: 2, enabled: false }), edit("medication-directive", { version: 3, severity: "block" })]);
    const active = edit("medication-directive", { version: 3, severity: "block" });
    // Rolling back to version 1's definition:
    const restored = bumpRuleVersions({ active, draft: defaultRulePack, highestVersions: history });
    expect(restored.find((rule) => rule.id === "medication-directive")).toMatchObject({ severity: "warn", enabled: true, version: 4 });
    // A rule removed earlier and added again:
    const withoutIt = active.filter((rule) => rule.id !== "dosage-instructions");
    const readded = bumpRuleVersions({ active: withoutIt, draft: active, highestVersions: history });
    expect(readded.find((rule) => rule.id === "dosage-instructions")?.version).toBe(2);
  });

  it("gives a new rule version 1", () => {
    const rule: RuleDraft = { ...defaultRulePack[0]!, id: "brand-new", version: undefined };
    expect(bumpRuleVersions({ active: defaultRulePack, draft: [...defaultRulePack, rule], highestVersions: none }).at(-1)?.version).toBe(1);
  });

  it("reads highest versions from stored JSON, skipping anything that is not a rule", () => {
    expect(highestRuleVersions([[{ id: "a", version: 2 }, { id: "a", version: 5 }, { nope: true }], "damaged", null, [{ id: "b", version: "3" }]])).toEqual(
      new Map([["a", 5]]),
    );
  });
});

describe("rule pack drafts", () => {
  it("refuses duplicate ids on the duplicate, and unsafe patterns with the reason", () => {
    const duplicate = rulePackDraftSchema.safeParse([defaultRulePack[0], defaultRulePack[0]]);
    expect(duplicate.error?.issues[0]).toMatchObject({ path: [1, "id"], message: "another rule already has the id self-harm-instructions" });
    const unsafe = { ...defaultRulePack[0]!, check: { kind: "pattern", pattern: "(a+)+$", flags: "i", target: "answer" } };
    const refused = saveRulePackBodySchema.safeParse({ baseVersion: 1, rules: [unsafe] });
    expect(refused.error?.issues[0]).toMatchObject({ path: ["rules", 0, "check", "pattern"], message: expect.stringMatching(/^Nested quantifier in \(a\+\)\+/) });
  });

  it("refuses an empty pack", () => {
    expect(rulePackDraftSchema.safeParse([]).error?.issues[0]?.message).toMatch(/at least one rule/);
  });
});
