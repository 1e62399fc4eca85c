import type { RuleDefinition } from "@/lib/schemas/rules";

// The compliance engine's contract with the agent: what a check sees of one
// exchange, and the decision it returns. Client-safe types only.

/** A rule as stored in a rule pack and run by the engine. */
export type { RuleDefinition };

export type Severity = "block" | "warn" | "info";

export type ComplianceFinding = {
  ruleId: string;
  ruleVersion: number;
  severity: Severity;
  /** The rule's message, shown to clinicians. */
  message: string;
  clauses: string[];
  /** The text that triggered the rule (redact identifiers in it: see lib/privacy), if any. */
  evidence?: string;
};

export type CheckInput = {
  question: string;
  /** The answer as it will be shown (after citation clean-up). */
  answer: string;
  /** What the model actually returned, before any clean-up. */
  rawAnswer: string;
  /** Retrieved passages in prompt order; rank n is cited as [n]. Empty when retrieval was off. */
  passages: { rank: number; label: string; text: string }[];
  /** The standard disclaimer from settings. */
  disclaimer: string;
};

export type ComplianceDecision = { action: "allow" | "warn" | "block"; findings: ComplianceFinding[] };
