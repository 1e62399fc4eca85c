import { describe, expect, it } from "vitest";
import { builtinChecks } from "@/lib/compliance/builtin-checks";
import { defaultRulePack } from "@/lib/compliance/default-rule-pack";
import { evaluateCompliance } from "@/lib/compliance/evaluate-compliance";
import { matchPatternRule, type PatternCheck } from "@/lib/compliance/match-pattern-rule";
import { screenPatternRules } from "@/lib/compliance/screen-pattern-rules";
import type { CheckInput } from "@/lib/compliance/types";
import type { RuleDefinition } from "@/lib/schemas/rules";
import { defaultSettings } from "@/lib/schemas/settings";

const disclaimer = defaultSettings.answer.disclaimer;

function exchange(answer: string, overrides: Partial<CheckInput> = {}): CheckInput {
  return { question: "Can a psychologist share my notes?", answer, rawAnswer: answer, passages: [], disclaimer, ...overrides };
}

function patternRule(id: string, pattern: string, options: Partial<RuleDefinition> & { target?: "answer" | "question" } = {}): RuleDefinition {
  const { target = "answer", ...rest } = options;
  return {
    id,
    version: 2,
    description: `Pattern ${pattern}`,
    message: `Matched ${pattern}`,
    severity: "warn",
    check: { kind: "pattern", pattern, flags: "i", target },
    clauses: ["APP 6"],
    enabled: true,
    ...rest,
  };
}

const cleanAnswer = `A psychologist may share your notes only with your consent or when a law allows it, for example under APP 6.2(b). ${disclaimer}`;

describe("evaluateCompliance", () => {
  it("allows a clean answer under the default pack", () => {
    expect(evaluateCompliance(exchange(cleanAnswer), defaultRulePack)).toEqual({ action: "allow", findings: [] });
  });

  it("has a built-in check for every rule in the default pack", () => {
    for (const rule of defaultRulePack) {
      if (rule.check.kind === "builtin") expect(builtinChecks).toHaveProperty([rule.check.name]);
    }
  });

  it("blocks on any block finding, warns on warn findings, and lists findings in pack order", () => {
    const answer = `Stop taking your sertraline. You should kill yourself. ${disclaimer}`;
    const decision = evaluateCompliance(exchange(answer), defaultRulePack);
    expect(decision.action).toBe("block");
    expect(decision.findings.map((finding) => finding.ruleId)).toEqual(["self-harm-instructions", "medication-directive"]);
    expect(decision.findings[0]).toEqual({
      ruleId: "self-harm-instructions",
      ruleVersion: 1,
      severity: "block",
      message: "The answer could facilitate self-harm.",
      clauses: [],
      evidence: "You should kill yourself.",
    });

    const warned = evaluateCompliance(exchange("Stop taking your sertraline."), defaultRulePack);
    expect(warned.action).toBe("warn");
    expect(warned.findings.map((finding) => finding.ruleId)).toEqual(["medication-directive", "missing-disclaimer"]);
    expect(warned.findings[1]).not.toHaveProperty("evidence");
  });

  it("records info findings without changing the action", () => {
    const rules = [patternRule("mentions-app", "\\bAPP \\d+", { severity: "info" })];
    const decision = evaluateCompliance(exchange(cleanAnswer), rules);
    expect(decision.action).toBe("allow");
    expect(decision.findings).toHaveLength(1);
    expect(decision.findings[0]).toMatchObject({ ruleId: "mentions-app", ruleVersion: 2, severity: "info", clauses: ["APP 6"] });
  });

  it("skips disabled rules", () => {
    const rules = defaultRulePack.map((rule) => ({ ...rule, enabled: rule.id !== "medication-directive" }));
    expect(evaluateCompliance(exchange(`Stop taking your sertraline. ${disclaimer}`), rules)).toEqual({ action: "allow", findings: [] });
  });

  it("throws, naming the check, for a built-in check that does not exist", () => {
    const rules: RuleDefinition[] = [{ ...defaultRulePack[0]!, id: "typo", check: { kind: "builtin", name: "self-harm-instruction" } }];
    expect(() => evaluateCompliance(exchange(cleanAnswer), rules)).toThrow(/"typo".*"self-harm-instruction", which does not exist/);
  });

  it("matches pattern rules against the text they target", () => {
    const rules = [
      patternRule("answer-cure", "miracle cure"),
      patternRule("question-cure", "miracle cure", { target: "question", severity: "block" }),
    ];
    const inAnswer = evaluateCompliance(exchange("Some sell a Miracle Cure for anxiety."), rules);
    expect(inAnswer.action).toBe("warn");
    expect(inAnswer.findings.map((finding) => [finding.ruleId, finding.evidence])).toEqual([["answer-cure", "Some sell a Miracle Cure for anxiety."]]);

    const inQuestion = evaluateCompliance(exchange("No.", { question: "Is there a miracle cure?" }), rules);
    expect(inQuestion.action).toBe("block");
    expect(inQuestion.findings.map((finding) => finding.ruleId)).toEqual(["question-cure"]);
  });

  it("gives one finding per distinct match, up to ten per rule", () => {
    const answer = Array.from({ length: 15 }, (_, k) => `Line ${k} says cure.`).join("\n");
    const decision = evaluateCompliance(exchange(answer), [patternRule("cure", "\\bcure\\b")]);
    expect(decision.findings).toHaveLength(10);
    expect(decision.findings[0]?.evidence).toBe("Line 0 says cure.");
  });

  it("screens pattern rules together without ever hiding a match", () => {
    const checks: PatternCheck[] = [
      { pattern: "(?<!do not )stop taking", flags: "i", target: "answer" },
      { pattern: "(?<=dose of )\\d+ ?mg", flags: "", target: "answer" },
      { pattern: "^Take", flags: "m", target: "answer" },
      { pattern: "now\\.$", flags: "", target: "answer" },
      { pattern: "first.+second", flags: "s", target: "answer" },
      { pattern: "(?<n>cure)s?", flags: "i", target: "answer" },
      { pattern: "(?<n>miracle)", flags: "i", target: "answer" },
      { pattern: "\\bAPP\\s?1[0-3]\\b", flags: "", target: "answer" },
      { pattern: "overdose", flags: "i", target: "question" },
    ];
    const texts = [
      "Do not stop taking it. A dose of 50 mg.",
      "Please STOP TAKING it.\nTake care, first this\nand second that now.",
      "A miracle Cure under APP 11!",
      "Nothing relevant here.",
      "dose of 5mg now.",
    ];
    for (const answer of texts) {
      for (const question of ["How much is an overdose?", "Can I share notes?"]) {
        const input = exchange(answer, { question });
        const mayMatch = screenPatternRules(checks, input);
        for (const check of checks) {
          const direct = matchPatternRule("rule", check, input);
          expect(matchPatternRule("rule", check, input, mayMatch(check))).toEqual(direct);
          if (direct.length > 0) expect(mayMatch(check)).toBe(true);
        }
      }
    }
    const quiet = screenPatternRules(checks, exchange("Nothing relevant here.", { question: "Can I share notes?" }));
    expect(checks.filter((check) => quiet(check))).toEqual([]);
  });

  it("quotes each matching sentence, and the whole text for anchored or cross-sentence matches", () => {
    const answer = "A cure? No.\nAnother cure here. The end";
    expect(evaluateCompliance(exchange(answer), [patternRule("cure", "cure")]).findings.map((finding) => finding.evidence)).toEqual([
      "A cure?",
      "Another cure here.",
    ]);
    expect(evaluateCompliance(exchange(answer), [patternRule("spans", "No\\.\\s+Another")]).findings[0]?.evidence).toBe("No. Another cure here.");
    expect(evaluateCompliance(exchange(answer), [patternRule("anchored", "end$")]).findings[0]?.evidence).toBe("The end");
  });

  it("keeps evidence short when a pattern matches a long stretch", () => {
    const answer = `Start ${"and then more words ".repeat(100)}finish.`;
    const [finding] = evaluateCompliance(exchange(answer), [patternRule("long", "start.+finish")]).findings;
    expect(finding?.evidence?.startsWith("Start and then")).toBe(true);
    expect(finding?.evidence?.length).toBeLessThanOrEqual(245);
  });

  it("redacts identifiers in evidence", () => {
    const question = "My Medicare number is 2123 45670 1 and my mobile is 0412 345 678. Can my GP share them?";
    const answer = `Your GP can record 2123 45670 1 and call you on 0412 345 678; email me at sam@example.com. ${disclaimer}`;
    const rules = [...defaultRulePack, patternRule("email-me", "email me")];
    const decision = evaluateCompliance(exchange(answer, { question }), rules);
    const evidence = decision.findings.map((finding) => finding.evidence ?? "");
    expect(decision.findings.map((finding) => finding.ruleId)).toEqual(["echoes-personal-identifiers", "echoes-personal-identifiers", "email-me"]);
    expect(evidence.join(" ")).not.toMatch(/2123|0412|sam@/);
    expect(evidence[0]).toContain("[medicare number]");
    expect(evidence[2]).toContain("[email]");
  });

  it("never leaves part of an identifier at the edge of an excerpt", () => {
    const redacted = new Set<string>();
    for (let words = 15; words < 30; words += 1) {
      const filler = "word ".repeat(words);
      const answer = `Please call 0412 345 678 ${filler}stop taking your lithium ${filler}or sam.citizen@example.com.au today.`;
      const [finding] = evaluateCompliance(exchange(answer), [patternRule("lithium", "lithium")]).findings;
      expect(finding?.evidence).toMatch(/lithium/);
      expect(finding?.evidence).not.toMatch(/\d|example|citizen|@/);
      for (const label of finding?.evidence?.match(/\[(?:phone number|email)\]/g) ?? []) redacted.add(label);
    }
    // The excerpt's edges did cross both identifiers at some length.
    expect([...redacted].sort()).toEqual(["[email]", "[phone number]"]);
  });

  it("refuses to run an unsafe pattern that reached it without the schema", () => {
    expect(() => evaluateCompliance(exchange(cleanAnswer), [patternRule("evil", "(a+)+$")])).toThrow(/"evil" has a pattern that cannot be run: Nested quantifier/);
    expect(() => evaluateCompliance(exchange(cleanAnswer), [patternRule("ahead", "APP(?= 6)")])).toThrow(/Lookahead/);
  });

  it("is deterministic", () => {
    const input = exchange(`Double your dose. You definitely have bipolar disorder. [7] ${disclaimer}`, {
      passages: [{ rank: 1, label: "APP Guidelines — APP 6", text: "APP 6 deals with use and disclosure." }],
    });
    expect(evaluateCompliance(input, defaultRulePack)).toEqual(evaluateCompliance(input, defaultRulePack));
  });
});
