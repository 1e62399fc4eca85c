import type { ComplianceDecision } from "@/lib/compliance/types";
import type { Settings } from "@/lib/schemas/settings";

// What the clinician sees, given the checked answer and the decision:
// blocked answers are replaced by the withheld-answer message; warnings go
// above an answer that warned; the standard disclaimer is appended when the
// answer lacks it; and when the question shows risk, Australian crisis
// resources come first unless the answer already gives them. Pure.

export type FinalAnswer = {
  text: string;
  withheld: boolean;
  disclaimerAdded: boolean;
  crisisResourcesAdded: boolean;
};

/** Whether a question contains any of the risk cues (case-insensitive). */
export function showsRisk(question: string, cues: string[]): boolean {
  const lower = question.toLowerCase();
  return cues.some((cue) => lower.includes(cue.toLowerCase()));
}

/** Lifeline's number is in every version of the crisis text; its presence means the answer already gives help. */
const GIVES_CRISIS_HELP = /13\s?11\s?14|\blifeline\b/i;

const normalise = (text: string) => text.toLowerCase().replace(/\s+/g, " ").trim();

/** Whether the answer already contains the disclaimer (or its first sentence). */
export function hasDisclaimer(answer: string, disclaimer: string): boolean {
  const firstSentence = disclaimer.split(/(?<=\.)\s/)[0] ?? disclaimer;
  const text = normalise(answer);
  return text.includes(normalise(disclaimer)) || text.includes(normalise(firstSentence));
}

/** Builds the final text; see the module comment. */
export function composeFinalAnswer(options: {
  question: string;
  answer: string;
  decision: ComplianceDecision;
  settings: Settings;
}): FinalAnswer {
  const { settings, decision } = options;
  const risk = showsRisk(options.question, settings.crisis.cues);
  const withheld = decision.action === "block";
  let body = withheld ? settings.answer.withheldMessage : options.answer.trim();
  if (decision.action === "warn") {
    const warnings = decision.findings.filter((finding) => finding.severity === "warn").map((finding) => `- ${finding.message}`);
    body = `Warnings:\n${[...new Set(warnings)].join("\n")}\n\n${body}`;
  }
  const disclaimerAdded = !withheld && !hasDisclaimer(body, settings.answer.disclaimer);
  if (disclaimerAdded) body = `${body}\n\n${settings.answer.disclaimer}`;
  const crisisResourcesAdded = risk && !GIVES_CRISIS_HELP.test(body);
  if (crisisResourcesAdded) body = `${settings.crisis.resources}\n\n${body}`;
  return { text: body, withheld, disclaimerAdded, crisisResourcesAdded };
}
