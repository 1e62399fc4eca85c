import { evidenceExcerpt, sentenceAt, sentenceSpans, type Span } from "@/lib/compliance/checks/text-spans";

// The loop most built-in checks share: run some patterns over a text, look at
// the words before each match to drop the ones that are negated, refused,
// conditional or reported, and quote the sentence of each remaining match.

export type CheckHit = { evidence?: string };

/** What a guard sees of a match, all lower-cased. */
export type MatchContext = {
  /** The match itself. */
  match: string;
  /** The sentence up to the match. */
  before: string;
  /** The clause up to the match: `before` after its last comma, semicolon, colon, dash or bracket. */
  clause: string;
  /** The whole sentence. */
  sentence: string;
};

const CLAUSE_BREAK = /[,;:—–(]|\s-\s/;
// List markers and Markdown emphasis at the start of a line say nothing about the words after them.
const MARKUP = /^\s*(?:[-*•+>]|\d{1,2}[.)])\s+|[*_#`]/g;

export type FindHitsOptions = {
  /** The text to quote evidence from. */
  text: string;
  /** The text to search, when it differs from `text` but keeps its offsets (quotations masked). */
  searchIn?: string;
  /** Global patterns, each with its own guard if it needs one. */
  patterns: (RegExp | GuardedPattern)[];
  /** Returns true to ignore a match of any pattern. */
  ignore?: Guard;
};

/** Returns true to ignore a match. */
export type Guard = (context: MatchContext) => boolean;
export type GuardedPattern = { pattern: RegExp; ignore: Guard };

/** One hit per sentence with an accepted match, in text order. */
export function findHits({ text, searchIn = text, patterns, ignore }: FindHitsOptions): CheckHit[] {
  const sentences = sentenceSpans(text);
  const hitSentences = new Map<number, Span>();
  for (const entry of patterns) {
    const { pattern, ignore: ignorePattern } = entry instanceof RegExp ? { pattern: entry, ignore: undefined } : entry;
    for (const match of searchIn.matchAll(pattern)) {
      const span = { start: match.index, end: match.index + match[0].length };
      // A match between sentences (in the spaces after a full stop) stands as its own sentence.
      const sentence = sentenceAt(sentences, match.index) ?? span;
      if (hitSentences.has(sentence.start)) continue;
      const before = searchIn.slice(sentence.start, match.index).replace(MARKUP, "").toLowerCase();
      const context: MatchContext = {
        match: match[0].toLowerCase(),
        before,
        clause: before.split(CLAUSE_BREAK).at(-1) ?? "",
        sentence: searchIn.slice(sentence.start, sentence.end).toLowerCase(),
      };
      if (ignore?.(context) || ignorePattern?.(context)) continue;
      hitSentences.set(sentence.start, span);
    }
  }
  return [...hitSentences.values()]
    .sort((a, b) => a.start - b.start)
    .map((span) => ({ evidence: evidenceExcerpt(text, span, sentences) }));
}

/** A global, case-insensitive pattern from a source written with `String.raw`. */
export const words = (source: string) => new RegExp(source, "gi");
