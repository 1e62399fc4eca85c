import type { RE2JS } from "re2js";
import type { CheckHit } from "@/lib/compliance/checks/find-hits";
import { evidenceExcerpt, sentenceSpans, type Span } from "@/lib/compliance/checks/text-spans";
import { compileRulePattern } from "@/lib/compliance/pattern-safety";
import type { CheckInput } from "@/lib/compliance/types";

// Runs an admin's pattern rule on the question or the answer. The pattern is
// checked again here, not only when the rule was saved, so a rule that reached
// the engine some other way fails loudly instead of running unchecked.

export type PatternCheck = { pattern: string; flags: string; target: "answer" | "question" };

/** Matches reported per rule; the first few are all a reviewer needs. */
const MAX_MATCHES = 10;

const spanOf = (match: RegExpMatchArray, offset = 0): Span | undefined =>
  match[0] ? { start: offset + match.index!, end: offset + match.index! + match[0].length } : undefined;

/**
 * Where the pattern matches, at most one match per sentence. RE2JS answers
 * "does it match?" with a fast automaton but needs a slower one for "where?",
 * so the slow one runs only on the sentences the fast one picks out. Anchored
 * patterns, and matches that span sentences, are searched in the whole text.
 */
function findMatches(regex: RE2JS, pattern: string, text: string, sentences: Span[]): Span[] {
  const spans: Span[] = [];
  if (!/[$^]|\\[Az]/.test(pattern)) {
    for (const sentence of sentences) {
      const piece = text.slice(sentence.start, sentence.end);
      const match = regex.test(piece) ? (regex.exec(piece) as RegExpMatchArray | null) : null;
      const span = match ? spanOf(match, sentence.start) : undefined;
      if (span) spans.push(span);
      if (spans.length === MAX_MATCHES) return spans;
    }
    if (spans.length > 0) return spans;
  }
  for (const match of regex.matchAll(text)) {
    const span = spanOf(match);
    if (span) spans.push(span);
    if (spans.length === MAX_MATCHES) break;
  }
  return spans;
}

/**
 * One hit per matching sentence (at most ten); throws when the pattern is refused.
 * `mayMatch: false` (from screenPatternRules) skips the search, not the safety check.
 */
export function matchPatternRule(ruleId: string, check: PatternCheck, input: CheckInput, mayMatch = true): CheckHit[] {
  const compiled = compileRulePattern(check.pattern, check.flags);
  if (!compiled.ok) throw new Error(`Rule "${ruleId}" has a pattern that cannot be run: ${compiled.reason}`);
  const text = check.target === "question" ? input.question : input.answer;
  if (!mayMatch || !compiled.regex.test(text)) return [];
  const sentences = sentenceSpans(text);
  const excerpts = findMatches(compiled.regex, check.pattern, text, sentences).map((span) => evidenceExcerpt(text, span, sentences));
  return [...new Set(excerpts)].map((evidence) => ({ evidence }));
}
