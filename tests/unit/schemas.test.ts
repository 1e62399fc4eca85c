import { describe, expect, it } from "vitest";
import { defaultRulePack } from "@/lib/compliance/default-rule-pack";
import { rulePackSchema } from "@/lib/schemas/rules";
import { defaultSettings, settingsSchema } from "@/lib/schemas/settings";

describe("settings", () => {
  it("defaults to the reference thresholds", () => {
    expect(defaultSettings.retrieval).toEqual({ topK: 12, minSimilarity: 0.2, contextBudgetTokens: 8192 });
    expect(defaultSettings.judges).toMatchObject({ allowAtLeast: 4, warnAtLeast: 2.5, judgeConsoleAnswers: true });
    expect(defaultSettings.judges.models.map((judge) => judge.id)).toEqual(["medgemma", "gemini"]);
    expect(defaultSettings.crisis.resources).toContain("13 11 14");
  });

  it("fills settings added since a version was saved", () => {
    const old = settingsSchema.parse({ retrieval: { topK: 5 } });
    expect(old.retrieval).toEqual({ topK: 5, minSimilarity: 0.2, contextBudgetTokens: 8192 });
    expect(old.limits.maxQuestionChars).toBe(4000);
  });

  it("refuses a warn cut-off above the allow cut-off", () => {
    const result = settingsSchema.safeParse({ judges: { allowAtLeast: 3, warnAtLeast: 4 } });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["judges", "warnAtLeast"]);
  });
});

describe("rule packs", () => {
  it("the default pack is valid and covers the required checks", () => {
    const pack = rulePackSchema.parse(defaultRulePack);
    expect(pack.map((rule) => rule.id)).toEqual(
      expect.arrayContaining([
        "self-harm-instructions",
        "medication-directive",
        "missing-disclaimer",
        "dosage-instructions",
        "diagnostic-certainty",
        "discourages-professional-care",
        "echoes-personal-identifiers",
        "unsupported-citation",
      ]),
    );
    expect(pack.find((rule) => rule.id === "self-harm-instructions")?.severity).toBe("block");
  });

  it("refuses duplicate rule ids and bad pattern flags", () => {
    const rule = defaultRulePack[0]!;
    expect(rulePackSchema.safeParse([rule, rule]).success).toBe(false);
    const badFlags = { ...rule, check: { kind: "pattern", pattern: "x", flags: "g" } };
    expect(rulePackSchema.safeParse([badFlags]).success).toBe(false);
  });
});
