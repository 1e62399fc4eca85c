import { postprocessAnswer } from "@/lib/agent/postprocess-answer";
import { evaluateCompliance } from "@/lib/compliance/evaluate-compliance";
import type { RuleDraft } from "@/lib/schemas/config-changes";

// The rule editor's live tester: one rule run on a sample question and answer
// exactly as the agent runs rules on a real answer (after its citation
// clean-up, with no retrieved passages). A rule that is off is tested as if it
// were on, so an admin can try a rule before enabling it. Pure.

export type RuleTestResult = {
  fires: boolean;
  /** What the rule alone would do to the answer: its severity when it fires. */
  outcome: "allow" | "warn" | "block" | "info";
  /** One per matching sentence (at most ten), identifiers redacted; built-in checks without evidence give one empty entry. */
  matches: { evidence?: string }[];
  /** Tested although switched off. */
  testedWhileOff: boolean;
};

/** Runs `rule` on the sample texts with the disclaimer in force. */
export function testRule(options: { rule: RuleDraft; question: string; answer: string; disclaimer: string }): RuleTestResult {
  const { rule, question, disclaimer } = options;
  const processed = postprocessAnswer({ rawAnswer: options.answer, passages: [] });
  const decision = evaluateCompliance(
    { question, answer: processed.text, rawAnswer: options.answer, passages: [], disclaimer },
    [{ ...rule, version: rule.version ?? 1, enabled: true }],
  );
  const fires = decision.findings.length > 0;
  return {
    fires,
    outcome: fires ? rule.severity : "allow",
    matches: decision.findings.map((finding) => (finding.evidence === undefined ? {} : { evidence: finding.evidence })),
    testedWhileOff: !rule.enabled,
  };
}
