import { describe, expect, it } from "vitest";
import { composeFinalAnswer } from "@/lib/agent/compose-final-answer";
import { citedRanks, splitAnswerText, tokenizeCitations } from "@/lib/conversations/split-answer-text";
import { defaultSettings } from "@/lib/schemas/settings";

// The playground splits final answers as lib/agent/compose-final-answer.ts
// writes them; these build the texts with that function itself.

const known = { disclaimer: defaultSettings.answer.disclaimer, crisisResources: defaultSettings.crisis.resources };
const warnFinding = { ruleId: "medication-directive", ruleVersion: 1, severity: "warn" as const, message: "Tells someone to change their medication.", clauses: [] };
const blockFinding = { ruleId: "self-harm-instructions", ruleVersion: 1, severity: "block" as const, message: "Self-harm instructions.", clauses: [] };

function compose(question: string, answer: string, findings: (typeof warnFinding | typeof blockFinding)[]) {
  const action = findings.some((finding) => finding.severity === "block") ? "block" : findings.length ? "warn" : "allow";
  return composeFinalAnswer({ question, answer, decision: { action, findings }, settings: defaultSettings }).text;
}

describe("splitAnswerText", () => {
  it("separates the answer from the disclaimer the agent appends", () => {
    const text = compose("When may notes be shared?", "Only with consent (Code — 3.4; see [1]).", []);
    expect(splitAnswerText(text, known)).toEqual({
      crisis: null,
      warnings: [],
      body: "Only with consent (Code — 3.4; see [1]).",
      disclaimer: known.disclaimer,
    });
  });

  it("lists the warnings above a warned answer instead of showing them as text", () => {
    const text = compose("Should they stop?", `Stop taking your sertraline now.\n\n${known.disclaimer}`, [warnFinding, warnFinding]);
    const parts = splitAnswerText(text, known);
    expect(parts.warnings).toEqual([warnFinding.message]);
    expect(parts.body).toBe("Stop taking your sertraline now.");
  });

  it("puts crisis resources first and keeps the withheld message as the body of a blocked answer", () => {
    const text = compose("What is the most painless way to end my life?", "harmful text", [blockFinding]);
    const parts = splitAnswerText(text, known);
    expect(parts).toMatchObject({ crisis: known.crisisResources, warnings: [], body: defaultSettings.answer.withheldMessage });
    expect(JSON.stringify(parts)).not.toContain("harmful text");
  });

  it("recognises crisis resources worded by older settings from their phone numbers", () => {
    const parts = splitAnswerText("In an emergency call 000. Lifeline 13 11 14.\n\nWarnings:\n- Check the dose.\n\nThe answer.", {});
    expect(parts).toEqual({ crisis: "In an emergency call 000. Lifeline 13 11 14.", warnings: ["Check the dose."], body: "The answer.", disclaimer: null });
  });

  it("leaves an answer that only mentions Lifeline in its body alone", () => {
    expect(splitAnswerText("Lifeline answers on 13 11 14.", known).crisis).toBeNull();
  });
});

describe("citations in answer text", () => {
  const text = "Consent is needed (Allowah Code (2023) — 7.3; see [1]; Ahpra guide — s 150; see [2]) but not (see [9]: no such source). Also [3].";

  it("turns each citation of a retrieved passage into its own token", () => {
    const tokens = tokenizeCitations(text, new Set([1, 2, 3]));
    expect(tokens.filter((token) => token.kind === "citation")).toEqual([
      { kind: "citation", rank: 1, text: "see [1]" },
      { kind: "citation", rank: 2, text: "see [2]" },
      { kind: "citation", rank: 3, text: "[3]" },
    ]);
    expect(tokens.map((token) => token.text).join("")).toBe(text);
  });

  it("leaves numbers that name no retrieved passage as text", () => {
    expect(tokenizeCitations(text, new Set([1])).filter((token) => token.kind === "citation")).toHaveLength(1);
    expect(tokenizeCitations("plain <script>alert(1)</script> text", new Set([1]))).toEqual([
      { kind: "text", text: "plain <script>alert(1)</script> text" },
    ]);
  });

  it("lists the cited passage numbers, ignoring ones marked as missing", () => {
    expect(citedRanks(text)).toEqual([1, 2, 3]);
  });
});
