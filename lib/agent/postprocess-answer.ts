// Clean-up of a model's answer before it is checked and shown:
// 1. every Australian Privacy Principle or section reference that the
//    retrieved text does not contain is reduced to its nearest parent that it
//    does contain ("APP 6.2(z)" to "APP 6.2"), or replaced by a plain phrase;
// 2. citations "(see [n])" are expanded to "(<source> — <clause>; see [n])";
//    numbers that point to no retrieved passage are marked as such. Pure.

export type CitablePassage = { rank: number; label: string; text: string };
export type ClauseChange = { original: string; replacement: string };
export type ProcessedAnswer = {
  text: string;
  citedRanks: number[];
  invalidCitations: number[];
  clauseChanges: ClauseChange[];
};

const APP_REFERENCE = /\bAPP\s?(\d{1,2})(?:\.(\d{1,2}))?(?:\(([a-z])\))?/g;
const SECTION_REFERENCE = /\b(s|[Ss]ection)\s(\d{1,4}[A-Z]{0,2})((?:\(\d{1,2}\))?)((?:\([a-z]{1,4}\))?)(?!\w)/g;
const SEE_CITATION = /\(see\s+((?:\[\d+\](?:\s*(?:,|and|&)\s*)?)+)\)/gi;

/** Text in which references are looked up: spaces squeezed so "APP6.2(b)" and "APP 6.2(b)" match. */
const squeeze = (text: string) => text.replace(/\bAPP\s+(?=\d)/g, "APP").replace(/\s+/g, " ");

function appCandidates(principle: string, sub?: string, paragraph?: string): string[] {
  const candidates = [`APP${principle}`];
  if (sub) candidates.unshift(`APP${principle}.${sub}`);
  if (sub && paragraph) candidates.unshift(`APP${principle}.${sub}(${paragraph})`);
  return candidates;
}

/** Whether a source mentions section `number` itself: a reference to it, or its heading as Acts print it ("150 Preliminary assessment"). */
function mentionsSection(source: string, number: string): boolean {
  return (
    new RegExp(`\\b(?:s|ss|[Ss]ection|[Ss]ections)\\s?${number}(?![\\w.(])`).test(source) ||
    new RegExp(`(?:^|\\n|— s )${number}(?:\\s+[A-Z]|$)`, "m").test(source)
  );
}

/**
 * Whether the sources support a reference to section `number` with a
 * subsection suffix such as "(2)" or "(2)(a)": written out in full ("150(2)"),
 * or, for a single subsection, as a "(2)" paragraph in a passage of that section.
 */
function mentionsSubsection(sources: string[], number: string, suffix: string): boolean {
  const escaped = `${number}${suffix}`.replace(/[()]/g, "\\$&");
  if (sources.some((source) => new RegExp(`\\b${escaped}(?![\\w.])`).test(source))) return true;
  const single = /^\(\d{1,2}\)$/.test(suffix) ? suffix.replace(/[()]/g, "\\$&") : undefined;
  return Boolean(single) && sources.some((source) => mentionsSection(source, number) && new RegExp(`(?:^|\\n)${single}\\s`).test(source));
}

/** Whether squeezed source text contains an APP reference (a parent counts when a child is written: "APP6.2(b)" contains "APP6.2"). */
const containsApp = (squeezed: string, candidate: string) =>
  new RegExp(`${candidate.replace(/[.()]/g, "\\$&")}(?!\\d)`).test(squeezed);

function reduceClauses(answer: string, passages: CitablePassage[], changes: ClauseChange[]): string {
  const sources = passages.map((passage) => `${passage.label}\n${passage.text}`);
  const squeezed = squeeze(sources.join("\n\n"));
  const reduced = answer.replace(APP_REFERENCE, (original, principle: string, sub?: string, paragraph?: string) => {
    const supported = appCandidates(principle, sub, paragraph).find((candidate) => containsApp(squeezed, candidate));
    const replacement = supported ? supported.replace(/^APP/, "APP ") : "the relevant Australian Privacy Principle";
    if (squeeze(original) !== supported) changes.push({ original, replacement });
    return supported && squeeze(original) === supported ? original : replacement;
  });
  return reduced.replace(SECTION_REFERENCE, (original, word: string, number: string, subsection: string, paragraph: string) => {
    const suffixes = [`${subsection}${paragraph}`, subsection, ""].filter((suffix, index, all) => all.indexOf(suffix) === index);
    const supported = suffixes.find((suffix) =>
      suffix ? mentionsSubsection(sources, number, suffix) : sources.some((source) => mentionsSection(source, number)),
    );
    if (supported === `${subsection}${paragraph}`) return original;
    const replacement = supported === undefined ? "the relevant section" : `${word} ${number}${supported}`;
    changes.push({ original, replacement });
    return replacement;
  });
}

function expandCitations(answer: string, passages: CitablePassage[], cited: Set<number>, invalid: Set<number>): string {
  const byRank = new Map(passages.map((passage) => [passage.rank, passage]));
  return answer.replace(SEE_CITATION, (_whole, list: string) => {
    const parts = [...list.matchAll(/\[(\d+)\]/g)].map((match) => {
      const rank = Number(match[1]);
      const passage = byRank.get(rank);
      if (!passage) {
        invalid.add(rank);
        return `see [${rank}]: no such source`;
      }
      cited.add(rank);
      return `${passage.label}; see [${rank}]`;
    });
    return `(${parts.join("; ")})`;
  });
}

/** Applies both clean-ups; see the module comment. */
export function postprocessAnswer(options: { rawAnswer: string; passages: CitablePassage[] }): ProcessedAnswer {
  const clauseChanges: ClauseChange[] = [];
  const cited = new Set<number>();
  const invalid = new Set<number>();
  const reduced = reduceClauses(options.rawAnswer, options.passages, clauseChanges);
  const text = expandCitations(reduced, options.passages, cited, invalid);
  // Bare "[n]" citations outside "(see ...)" are not expanded, but their numbers are still checked.
  for (const match of reduced.matchAll(/\[(\d+)\]/g)) {
    const rank = Number(match[1]);
    if (options.passages.some((passage) => passage.rank === rank)) cited.add(rank);
    else invalid.add(rank);
  }
  return {
    text,
    citedRanks: [...cited].sort((a, b) => a - b),
    invalidCitations: [...invalid].sort((a, b) => a - b),
    clauseChanges,
  };
}
