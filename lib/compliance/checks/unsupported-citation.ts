import type { CheckInput } from "@/lib/compliance/types";
import type { CheckHit } from "@/lib/compliance/checks/find-hits";
import { evidenceExcerpt } from "@/lib/compliance/checks/text-spans";

// Citations in the model's raw answer that nothing retrieved supports: a
// source number "[n]" (also "[1, 3]", "[2-4]") that is not a passage rank, and,
// when retrieval was on, an Australian Privacy Principle ("APP 6.2(b)") or a
// section ("s 150", "section 150") that no passage mentions. Clauses are
// matched loosely: a passage supports "APP 6.2(b)" when it mentions APP 6.2(b),
// or APP 6 and the subclause 6.2 itself; it supports "s 150(2)" when it
// mentions section 150 or has "150" as a section heading.

const CITATION = /\[(\d{1,3}(?:\s?[,–-]\s?\d{1,3}){0,20})\]/g;
const APP_REFERENCE = /\b(?:APP|Australian Privacy Principle)\s?(\d{1,2})(?:\.(\d{1,2}))?(?:\(([a-z])\))?/g;
const SECTION_REFERENCE = /\b(?:[Ss]ection|s)\s(\d{1,4}[A-Z]{0,2})(?:\(\d{1,2}\))?(?:\([a-z]{1,4}\))?(?![\w]|\.\d)/g;
/** Ranges wider than this ("[1-999]") are read as their end points only. */
const MAX_RANGE = 50;

/** The source numbers a citation names: "1, 3" → 1 and 3; "2-4" → 2, 3 and 4. */
function citedNumbers(list: string): number[] {
  return list.split(/\s?,\s?/).flatMap((part) => {
    const [from, to] = part.split(/\s?[–-]\s?/).map(Number) as [number, number | undefined];
    if (to === undefined || to < from || to - from > MAX_RANGE) return to === undefined ? [from] : [from, to];
    return Array.from({ length: to - from + 1 }, (_, k) => from + k);
  });
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function appSupported(sources: string[], principle: string, subclause?: string, paragraph?: string): boolean {
  const mentionsPrinciple = new RegExp(String.raw`\b(?:APP|Australian Privacy Principle)\s?${principle}(?!\d)`, "i");
  if (!subclause) return sources.some((source) => mentionsPrinciple.test(source));
  const clause = escape(`${principle}.${subclause}`);
  const named = new RegExp(String.raw`\b(?:APP|Principle)\s?${clause}(?!\d)`, "i");
  const bare = new RegExp(String.raw`(?<![\d.])${clause}(?!\d)`);
  const withParagraph = new RegExp(String.raw`(?<![\d.])${clause}\s?\(${paragraph}\)`);
  return sources.some((source) => {
    const hasClause = named.test(source) || (mentionsPrinciple.test(source) && bare.test(source));
    return hasClause && (!paragraph || withParagraph.test(source) || source.includes(`(${paragraph})`));
  });
}

function sectionSupported(sources: string[], section: string): boolean {
  const named = new RegExp(String.raw`\b(?:ss?|sections?)\.?\s?${section}(?![\dA-Za-z])`, "i");
  const heading = new RegExp(String.raw`(?:^|\n)\s*${section}\s+[A-Z][a-z]`);
  return sources.some((source) => named.test(source) || heading.test(source));
}

/** Citations and clause references in the raw answer that no retrieved passage supports. */
export function unsupportedCitation(input: CheckInput): CheckHit[] {
  const text = input.rawAnswer;
  const ranks = new Set(input.passages.map((passage) => passage.rank));
  const found: { key: string; start: number; end: number }[] = [];
  for (const match of text.matchAll(CITATION)) {
    const missing = citedNumbers(match[1]!).filter((n) => !ranks.has(n));
    if (missing.length > 0) found.push({ key: `[${missing.join(",")}]`, start: match.index, end: match.index + match[0].length });
  }
  if (input.passages.length > 0) {
    const sources = input.passages.map((passage) => `${passage.label}\n${passage.text}`);
    const verdicts = new Map<string, boolean>();
    const supported = (key: string, decide: () => boolean) => verdicts.get(key) ?? verdicts.set(key, decide()).get(key)!;
    for (const match of text.matchAll(APP_REFERENCE)) {
      const key = match[0].replace(/\s+/g, " ");
      if (!supported(key, () => appSupported(sources, match[1]!, match[2], match[3]))) found.push({ key, start: match.index, end: match.index + match[0].length });
    }
    for (const match of text.matchAll(SECTION_REFERENCE)) {
      const key = `s ${match[1]}`;
      if (!supported(key, () => sectionSupported(sources, match[1]!))) found.push({ key, start: match.index, end: match.index + match[0].length });
    }
  }
  const seen = new Set<string>();
  return found
    .sort((a, b) => a.start - b.start)
    .filter((hit) => !seen.has(hit.key) && seen.add(hit.key))
    .map((hit) => ({ evidence: evidenceExcerpt(text, hit) }));
}
