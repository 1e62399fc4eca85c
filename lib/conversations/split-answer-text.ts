// How the playground reads a final answer's text (lib/agent/compose-final-answer.ts
// writes it): crisis resources first when the question showed risk, then a
// "Warnings:" block when the answer warned, then the answer, then the
// disclaimer. Splitting them lets each be shown as what it is instead of as
// raw text. Pure and client-safe.

export type AnswerParts = {
  /** Crisis resources placed first; shown highlighted. */
  crisis: string | null;
  /** The messages of the "Warnings:" block, without their "- " markers. */
  warnings: string[];
  body: string;
  /** The standard disclaimer when the answer ends with it. */
  disclaimer: string | null;
};

/** Lifeline's number or name, as the agent itself recognises crisis help. */
const GIVES_CRISIS_HELP = /13\s?11\s?14|\blifeline\b/i;
const EMERGENCY_NUMBER = /\b000\b/;
const WARNINGS_HEADING = "Warnings:\n";

/** Splits a final answer into its parts; `known` holds the current settings' texts, matched exactly first. */
export function splitAnswerText(text: string, known: { crisisResources?: string; disclaimer?: string } = {}): AnswerParts {
  let rest = text.replace(/\r\n/g, "\n").trim();
  let crisis: string | null = null;
  if (known.crisisResources && rest.startsWith(known.crisisResources) && rest.length > known.crisisResources.length) {
    crisis = known.crisisResources;
    rest = rest.slice(crisis.length).trim();
  } else {
    // Answers recorded under older settings carry older wording; the phone numbers identify it.
    const [first, ...others] = rest.split(/\n{2,}/);
    if (first && others.length > 0 && GIVES_CRISIS_HELP.test(first) && EMERGENCY_NUMBER.test(first)) {
      crisis = first.trim();
      rest = others.join("\n\n").trim();
    }
  }

  const warnings: string[] = [];
  if (rest.startsWith(WARNINGS_HEADING)) {
    const end = rest.indexOf("\n\n");
    const block = end === -1 ? rest : rest.slice(0, end);
    for (const line of block.slice(WARNINGS_HEADING.length).split("\n")) {
      const message = line.replace(/^\s*[-*]\s*/, "").trim();
      if (message) warnings.push(message);
    }
    rest = end === -1 ? "" : rest.slice(end).trim();
  }

  let disclaimer: string | null = null;
  if (known.disclaimer && rest.endsWith(known.disclaimer) && rest.length > known.disclaimer.length) {
    disclaimer = known.disclaimer;
    rest = rest.slice(0, -known.disclaimer.length).trim();
  }
  return { crisis, warnings, body: rest, disclaimer };
}

export type AnswerToken = { kind: "text"; text: string } | { kind: "citation"; rank: number; text: string };

/** "[n]" not followed by the agent's marker for a number that names no retrieved passage. */
const CITATION = /(see\s+)?\[(\d{1,3})\](?!: no such source)/g;

/** Splits answer text into plain text and citations of the passages with the given ranks. */
export function tokenizeCitations(text: string, ranks: ReadonlySet<number>): AnswerToken[] {
  const tokens: AnswerToken[] = [];
  let last = 0;
  for (const match of text.matchAll(CITATION)) {
    const rank = Number(match[2]);
    if (!ranks.has(rank)) continue;
    if (match.index > last) tokens.push({ kind: "text", text: text.slice(last, match.index) });
    tokens.push({ kind: "citation", rank, text: match[0] });
    last = match.index + match[0].length;
  }
  if (last < text.length) tokens.push({ kind: "text", text: text.slice(last) });
  return tokens;
}

/** The passage numbers an answer cites, in order of first appearance. */
export function citedRanks(text: string): number[] {
  return [...new Set([...text.matchAll(CITATION)].map((match) => Number(match[2])))];
}
