import { describe, expect, it } from "vitest";
import { blankRuleForm, formToRule, patternProblem, ruleToForm } from "@/components/rules/rule-form-state";
import { formToSettings, settingsToForm } from "@/components/settings/settings-form-state";
import { defaultRulePack } from "@/lib/compliance/default-rule-pack";
import { testRule } from "@/lib/config/test-rule";
import { defaultSettings } from "@/lib/schemas/settings";

// The admin forms: the rule editor and the thresholds form turn what is typed
// into values with the shared schemas and explain each problem on its field;
// the rule tester runs one rule as the agent would.

const builtinNames = ["medication-directive", "missing-disclaimer"];

describe("the rule editor form", () => {
  it("round-trips a rule", () => {
    const rule = defaultRulePack.find((item) => item.id === "echoes-personal-identifiers")!;
    expect(formToRule(ruleToForm(rule), { version: rule.version, otherIds: [], builtinNames: ["echoes-personal-identifiers"] })).toEqual({ rule, errors: {} });
  });

  it("refuses a backtracking pattern with the engine's reason, as it is typed", () => {
    const form = { ...blankRuleForm(), id: "catastrophic", description: "d", message: "m", pattern: "(a+)+$" };
    expect(patternProblem(form)).toMatch(/^Nested quantifier in \(a\+\)\+: a repeated group ends with another repeat/);
    const { rule, errors } = formToRule(form, { otherIds: [], builtinNames });
    expect(rule).toBeUndefined();
    expect(errors.pattern).toBe(patternProblem(form));
  });

  it("names each missing or wrong field, and a taken id", () => {
    const { errors } = formToRule({ ...blankRuleForm(), id: "medication-directive", pattern: "lookahead(?=x)" }, { otherIds: ["medication-directive"], builtinNames });
    expect(errors).toEqual({
      description: "is required",
      message: "is required",
      pattern: expect.stringMatching(/^Lookahead \(\?= or \(\?! is not supported/),
      id: "is already used by another rule; choose another id",
    });
    expect(formToRule({ ...blankRuleForm(), id: "X!" }, { otherIds: [], builtinNames }).errors.id).toBe("must be 2-63 lower-case letters, digits or hyphens");
  });

  it("accepts only the built-in checks that exist", () => {
    const form = { ...blankRuleForm(), id: "x1", description: "d", message: "m", kind: "builtin" as const, builtinName: "not-a-check" };
    expect(formToRule(form, { otherIds: [], builtinNames }).errors).toEqual({ builtinName: "choose one of the built-in checks" });
  });
});

describe("the thresholds form", () => {
  it("round-trips the settings, carrying over what it does not show", () => {
    expect(formToSettings(settingsToForm(defaultSettings), defaultSettings)).toEqual({ values: defaultSettings, errors: {} });
  });

  it("turns the schema's complaints into plain messages on the right fields", () => {
    const form = {
      ...settingsToForm(defaultSettings),
      topK: "2.5",
      minSimilarity: "",
      contextBudgetTokens: "100",
      allowAtLeast: "3",
      warnAtLeast: "4",
      disclaimer: "   ",
      cues: "self-harm\nx\n\n",
      maxQuestionChars: "1000000",
      chatRequestsPerMinute: "many",
    };
    const { values, errors } = formToSettings(form, defaultSettings);
    expect(values).toBeUndefined();
    expect(errors).toEqual({
      topK: "must be a whole number",
      minSimilarity: "is required",
      contextBudgetTokens: "must be at least 512",
      warnAtLeast: "must not be above the allow cut-off",
      disclaimer: "is required",
      cues: 'the cue "x" must be at least 2 characters',
      maxQuestionChars: "must be at most 100,000",
      chatRequestsPerMinute: "must be a number",
    });
  });

  it("reads one crisis cue per line, ignoring blank lines", () => {
    const { values } = formToSettings({ ...settingsToForm(defaultSettings), cues: " hopeless \n\nno way out\n" }, defaultSettings);
    expect(values?.crisis.cues).toEqual(["hopeless", "no way out"]);
  });
});

describe("testRule", () => {
  const directive = defaultRulePack.find((rule) => rule.id === "medication-directive")!;
  const disclaimer = defaultSettings.answer.disclaimer;

  it("fires a built-in check on a sample answer with the evidence", () => {
    expect(testRule({ rule: directive, question: "", answer: "Stop taking your sertraline now.", disclaimer })).toEqual({
      fires: true,
      outcome: "warn",
      matches: [{ evidence: expect.stringContaining("Stop taking your sertraline") }],
      testedWhileOff: false,
    });
  });

  it("tests a rule that is off as if it were on, and a pattern on the question", () => {
    const rule = {
      ...directive,
      id: "asks-for-numbers",
      enabled: false,
      severity: "info" as const,
      check: { kind: "pattern" as const, pattern: "medicare (card )?number", flags: "i", target: "question" as const },
    };
    const result = testRule({ rule, question: "What is my Medicare number 2123 45670 1?", answer: "", disclaimer });
    expect(result).toMatchObject({ fires: true, outcome: "info", testedWhileOff: true });
    expect(result.matches[0]?.evidence).not.toContain("2123 45670 1");
    expect(testRule({ rule, question: "Nothing to see", answer: "", disclaimer })).toMatchObject({ fires: false, outcome: "allow", matches: [] });
  });
});
