import { describe, expect, it } from "vitest";
import { composeFinalAnswer, hasDisclaimer, showsRisk } from "@/lib/agent/compose-final-answer";
import { defaultSettings } from "@/lib/schemas/settings";

const settings = defaultSettings;
const disclaimer = settings.answer.disclaimer;
const finding = (severity: "block" | "warn" | "info", message: string) => ({
  ruleId: `rule-${message.length}`,
  ruleVersion: 1,
  severity,
  message,
  clauses: [],
});

describe("composeFinalAnswer", () => {
  it("adds the disclaimer to an allowed answer that lacks it, and only then", () => {
    const plain = composeFinalAnswer({ question: "What is APP 6?", answer: "APP 6 covers use and disclosure.", decision: { action: "allow", findings: [] }, settings });
    expect(plain.text).toBe(`APP 6 covers use and disclosure.\n\n${disclaimer}`);
    expect(plain.disclaimerAdded).toBe(true);
    const already = composeFinalAnswer({ question: "q", answer: `Answer.\n\n${disclaimer}`, decision: { action: "allow", findings: [] }, settings });
    expect(already).toMatchObject({ text: `Answer.\n\n${disclaimer}`, disclaimerAdded: false });
  });

  it("puts warnings above a warned answer", () => {
    const result = composeFinalAnswer({
      question: "q",
      answer: "Stop taking it.",
      decision: { action: "warn", findings: [finding("warn", "Medication directive."), finding("info", "Just so you know.")] },
      settings,
    });
    expect(result.text.startsWith("Warnings:\n- Medication directive.\n\nStop taking it.")).toBe(true);
    expect(result.text).not.toContain("Just so you know.");
  });

  it("withholds a blocked answer entirely", () => {
    const result = composeFinalAnswer({
      question: "q",
      answer: "harmful instructions",
      decision: { action: "block", findings: [finding("block", "Self-harm instructions.")] },
      settings,
    });
    expect(result).toMatchObject({ text: settings.answer.withheldMessage, withheld: true, disclaimerAdded: false });
    expect(result.text).not.toContain("harmful instructions");
  });

  it("puts crisis resources first when the question shows risk, unless the answer already gives them", () => {
    const question = "My client has had self-harm urges, what should I do?";
    const risky = composeFinalAnswer({ question, answer: "Assess risk now.", decision: { action: "allow", findings: [] }, settings });
    expect(risky.text.startsWith(settings.crisis.resources)).toBe(true);
    expect(risky.crisisResourcesAdded).toBe(true);
    const blocked = composeFinalAnswer({ question, answer: "x", decision: { action: "block", findings: [] }, settings });
    expect(blocked.text).toBe(`${settings.crisis.resources}\n\n${settings.answer.withheldMessage}`);
    const helped = composeFinalAnswer({ question, answer: "Call Lifeline on 13 11 14 now.", decision: { action: "allow", findings: [] }, settings });
    expect(helped.crisisResourcesAdded).toBe(false);
  });
});

describe("risk cues and disclaimers", () => {
  it("recognise risk cues case-insensitively", () => {
    expect(showsRisk("I haven't been Not Feeling Like Myself lately", settings.crisis.cues)).toBe(true);
    expect(showsRisk("What does APP 6 say?", settings.crisis.cues)).toBe(false);
  });

  it("accept the disclaimer's first sentence with any spacing and case", () => {
    const first = disclaimer.split(". ")[0] as string;
    expect(hasDisclaimer(`Answer.\n${first.toUpperCase()}.`, disclaimer)).toBe(true);
    expect(hasDisclaimer("Answer without it.", disclaimer)).toBe(false);
  });
});
