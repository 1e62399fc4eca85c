// Clause references as regulations write them: "APP 6.2(b)", "s 150",
// "section 150", "A.5.2", "7.3.5 Confidentiality". Used for passage labels and, later, to check the
// clause references in answers against the retrieved text. Client-safe and pure.

const PATTERNS: RegExp[] = [
  // Australian Privacy Principles: APP 6, APP 6.2, APP 6.2(b), APP6.2(b)
  /\bAPP\s?\d{1,2}(?:\.\d{1,2})?(?:\([a-z]\))?/,
  // Sections of an Act: s 150, s 141C, s 150(2)(a), section 150, Section 39
  /\b(?:[Ss]ection|s)\s\d{1,4}[A-Z]{0,2}(?:\(\d{1,2}\))?(?:\([a-z]{1,4}\))?(?!\w|\.\d)/,
  // Lettered clause numbers in codes and standards: A.5.2, B.1
  /\b[A-Z]\.\d{1,2}(?:\.\d{1,2}){0,3}\b/,
  // Numbered clause headings in codes and standards: "7.3.5. Confidentiality", "4.01 Clinicians"
  /(?<![\d.$])\b\d{1,2}\.\d{1,2}(?:\.\d{1,2})?(?=\.?\s+[A-Z][a-z])/,
];

/** The earliest clause marker in a text, with its whitespace tidied, or undefined. */
export function findClauseMarker(text: string): string | undefined {
  let earliest: { index: number; value: string } | undefined;
  for (const pattern of PATTERNS) {
    const match = pattern.exec(text);
    if (match && (!earliest || match.index < earliest.index)) earliest = { index: match.index, value: match[0] };
  }
  return earliest?.value.replace(/\s+/g, " ");
}

/** A section heading as Acts print them, at the start of a paragraph: "150 Preliminary assessment". */
const SECTION_HEADING = /(?:^|\n\n)(\d{1,3}[A-Z]{0,2})\s+[A-Z][a-z]+(?:\s+[a-z]+){0,12}(?:\n\n|$)/;

/** The first section heading in a passage of legislation, as "s 150", or undefined. */
export function findSectionHeading(text: string): string | undefined {
  const match = SECTION_HEADING.exec(text);
  return match ? `s ${match[1]}` : undefined;
}

/**
 * A passage label: the source title, plus the first clause marker in the text.
 * In legislation, a section heading in the passage names it better than a
 * cross-reference does, so it comes first.
 */
export function passageLabel(sourceTitle: string, text: string, options: { legislation?: boolean } = {}): string {
  const marker = (options.legislation ? findSectionHeading(text) : undefined) ?? findClauseMarker(text);
  return marker ? `${sourceTitle} — ${marker}` : sourceTitle;
}
