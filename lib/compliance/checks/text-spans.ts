import { detectIdentifiers, redactIdentifiers } from "@/lib/privacy/detect-identifiers";

// Text helpers the built-in checks share: sentences, quotations and evidence
// excerpts. Offsets always refer to the original text, so a match found in a
// masked copy can be quoted from the original.

export type Span = { start: number; end: number };

// A sentence ends at . ! or ? followed by space and a capital, digit, quote,
// bracket or list marker, and at every line break. Short abbreviations
// ("e.g.", "Dr.") do not end one.
const SENTENCE_END = /[.!?]["'”’)\]]*\s+(?=["'“‘(\[*•\-\d\p{Lu}])|\n+/gu;
const ABBREVIATION = /\b(?:e\.g|i\.e|etc|vs|approx|Dr|Mr|Mrs|Ms|Prof|St|No|cf)\.["'”’)\]]*\s+$/;

// Several checks split the same answer; remember the last split.
let lastSplit: { text: string; spans: Span[] } | undefined;

/** The sentences of a text as spans, blank ones left out. */
export function sentenceSpans(text: string): Span[] {
  if (lastSplit?.text === text) return lastSplit.spans;
  const spans = splitSentences(text);
  lastSplit = { text, spans };
  return spans;
}

function splitSentences(text: string): Span[] {
  const spans: Span[] = [];
  let start = 0;
  for (const match of text.matchAll(SENTENCE_END)) {
    const end = match.index + match[0].length;
    if (match[0].includes("\n") || !ABBREVIATION.test(text.slice(Math.max(start, end - 12), end))) {
      if (text.slice(start, match.index + 1).trim()) spans.push({ start, end: match.index + 1 });
      start = end;
    }
  }
  if (text.slice(start).trim()) spans.push({ start, end: text.length });
  return spans;
}

// An opening mark cannot occur inside its own quotation, so each scan stops at the next one.
const QUOTATION = /“[^“”\n]{1,400}”|"[^"\n]{1,400}"|‘[^‘’\n]{3,400}’(?!\w)/g;

/**
 * The text with quoted passages ("...", “...”) blanked out, same length, so a
 * check can ignore what the answer quotes (a regulation, a phrase it warns
 * against) and still report offsets into the original.
 */
export function maskQuotations(text: string): string {
  return text.replace(QUOTATION, (quote) => quote[0] + " ".repeat(quote.length - 2) + quote.at(-1));
}

/** The sentence holding `index` (binary search over spans in order), or undefined between sentences. */
export function sentenceAt(sentences: Span[], index: number): Span | undefined {
  let [low, high] = [0, sentences.length - 1];
  while (low <= high) {
    const middle = (low + high) >> 1;
    const span = sentences[middle]!;
    if (index < span.start) high = middle - 1;
    else if (index >= span.end) low = middle + 1;
    else return span;
  }
  return undefined;
}

/** Longer than any identifier the detectors find (an email is at most about 600 characters). */
const IDENTIFIER_REACH = 700;
/** Longest evidence excerpt, in characters, before trimming to word boundaries. */
const MAX_EXCERPT = 240;

/**
 * The sentence (or sentences) around a span of text as evidence, shortened to
 * about 240 characters around the start of the span, with identifiers
 * redacted. The excerpt is widened rather than cut through an identifier, so
 * none leaks in part.
 */
export function evidenceExcerpt(text: string, span: Span, sentences: Span[] = sentenceSpans(text)): string {
  const region = {
    start: Math.min(sentenceAt(sentences, span.start)?.start ?? span.start, span.start),
    end: Math.max(sentenceAt(sentences, Math.max(span.start, span.end - 1))?.end ?? span.end, span.end),
  };
  const shownEnd = Math.min(span.end, span.start + MAX_EXCERPT);
  const room = MAX_EXCERPT - (shownEnd - span.start);
  let start = Math.max(region.start, span.start - Math.floor(room / 2));
  let end = Math.min(region.end, Math.max(shownEnd, start + MAX_EXCERPT));
  const spaceAfterStart = text.indexOf(" ", start);
  if (start > region.start && spaceAfterStart >= 0 && spaceAfterStart < span.start) start = spaceAfterStart + 1;
  const spaceBeforeEnd = text.lastIndexOf(" ", end);
  if (end < region.end && spaceBeforeEnd > shownEnd) end = spaceBeforeEnd;
  // Only identifiers near the excerpt can cross its edges; none is longer than IDENTIFIER_REACH.
  const nearby = Math.max(0, start - IDENTIFIER_REACH);
  for (const identifier of detectIdentifiers(text.slice(nearby, end + IDENTIFIER_REACH))) {
    const [from, to] = [nearby + identifier.start, nearby + identifier.end];
    if (from < start && start < to) start = from;
    if (from < end && end < to) end = to;
  }
  const body = text.slice(start, end).replace(/\s+/g, " ").trim();
  return redactIdentifiers(`${start > region.start ? "…" : ""}${body}${end < region.end ? "…" : ""}`);
}
