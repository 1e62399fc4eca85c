import { indexTerm } from "@/lib/retrieval/index-terms";
import type { ChunkRecord } from "@/lib/retrieval/store-format";

// The regulatory digest: a short summary of each source document that judge
// prompts include. This is the extractive version: the sentences that best
// represent each document (those sharing the most of its frequent content
// words), kept in document order, about 2,000 characters per document. Pure.

/** Target length of one document's summary. */
export const DIGEST_CHARS_PER_DOCUMENT = 2_000;
/** Sentences shorter or longer than this are headings, lists or run-ons, not summary material. */
const SENTENCE_WORDS = { min: 8, max: 60 };

export type DigestSource = { file: string; title: string; region?: string; category?: string; records: ChunkRecord[] };

function sentencesOf(records: ChunkRecord[]): string[] {
  const seen = new Set<string>();
  const sentences: string[] = [];
  for (const record of records) {
    for (const raw of record.text.replace(/\s+/g, " ").split(/(?<=[.?!])\s+(?=[A-Z(])/)) {
      const sentence = raw.trim();
      const words = sentence.split(" ").length;
      // Chunks overlap, so the same sentence appears twice; keep the first.
      if (words < SENTENCE_WORDS.min || words > SENTENCE_WORDS.max || seen.has(sentence)) continue;
      seen.add(sentence);
      sentences.push(sentence);
    }
  }
  return sentences;
}

const contentTerms = (sentence: string) =>
  [...new Set(sentence.split(/[^\p{L}\p{N}]+/u).map(indexTerm).filter((term): term is string => term !== null))];

/** The most representative sentences of one document, in their original order, within `maxChars`. */
export function summariseExtractively(records: ChunkRecord[], maxChars = DIGEST_CHARS_PER_DOCUMENT): string {
  const sentences = sentencesOf(records);
  const frequency = new Map<string, number>();
  const termsBySentence = sentences.map((sentence) => {
    const terms = contentTerms(sentence);
    for (const term of terms) frequency.set(term, (frequency.get(term) ?? 0) + 1);
    return terms;
  });
  const scored = sentences.map((sentence, index) => {
    const terms = termsBySentence[index] as string[];
    const weight = terms.reduce((sum, term) => sum + Math.log(1 + (frequency.get(term) ?? 0)), 0);
    return { index, sentence, score: weight / Math.sqrt(Math.max(1, terms.length)) };
  });
  const chosen: typeof scored = [];
  let length = 0;
  for (const candidate of [...scored].sort((a, b) => b.score - a.score || a.index - b.index)) {
    if (length + candidate.sentence.length + 1 > maxChars) continue;
    chosen.push(candidate);
    length += candidate.sentence.length + 1;
  }
  return chosen
    .sort((a, b) => a.index - b.index)
    .map((candidate) => candidate.sentence)
    .join(" ");
}

/** The digest as Markdown: one section per source document. */
export function renderDigest(options: { storeVersion: string; sources: DigestSource[]; summaries: Map<string, string>; method: string }): string {
  const sections = options.sources.map((source) => {
    const about = [source.region, source.category].filter(Boolean).join(", ");
    const heading = about ? `${source.title} (${about})` : source.title;
    return `## ${heading}\n\nSource file: ${source.file}\n\n${options.summaries.get(source.file) ?? ""}\n`;
  });
  return (
    `# Regulatory digest\n\nA short summary of each document in retrieval store ${options.storeVersion}, ` +
    `for judge prompts. Summaries: ${options.method}.\n\n${sections.join("\n")}`
  );
}
