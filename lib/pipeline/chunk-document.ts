import type { Paragraph } from "@/lib/pipeline/extract-pdf";

// Splits a document into overlapping chunks of about `chunkWords` words.
// Chunks end at a paragraph boundary when one is near the target length, else
// at a sentence end, else at the target; the next chunk starts `overlapWords`
// earlier, at a paragraph or sentence start when one is close. Pure.

export type ChunkingOptions = { chunkWords: number; overlapWords: number };
/** A chunk's text, the pages it spans and its word range in the document (end exclusive). */
export type DocumentChunk = { text: string; pageStart: number; pageEnd: number; wordStart: number; wordEnd: number };

/** How far (as a share of chunkWords) an end may move to reach a paragraph boundary. */
const PARAGRAPH_REACH = { before: 0.4, after: 0.25 };
/** How far back an end may move to reach a sentence end. */
const SENTENCE_REACH = 0.3;

type Word = { text: string; paragraph: number; page: number };

function flatten(paragraphs: Paragraph[]): Word[] {
  return paragraphs.flatMap((paragraph, index) =>
    paragraph.text.split(/\s+/).filter(Boolean).map((text) => ({ text, paragraph: index, page: paragraph.page })),
  );
}

const startsParagraph = (words: Word[], i: number) => i === 0 || words[i - 1]?.paragraph !== words[i]?.paragraph;
const endsSentence = (words: Word[], i: number) => /[.?!;:]["')\]]?$/.test(words[i - 1]?.text ?? "");

/** The position nearest `target` within [from, to] that satisfies `accept`, or undefined. */
function nearest(target: number, from: number, to: number, accept: (i: number) => boolean): number | undefined {
  for (let distance = 0; target - distance >= from || target + distance <= to; distance += 1) {
    if (target - distance >= from && accept(target - distance)) return target - distance;
    if (target + distance <= to && accept(target + distance)) return target + distance;
  }
  return undefined;
}

function chooseEnd(words: Word[], start: number, options: ChunkingOptions): number {
  const target = start + options.chunkWords;
  if (target >= words.length) return words.length;
  const size = options.chunkWords;
  const floor = start + Math.max(1, options.overlapWords + 1);
  const paragraphEnd = nearest(
    target,
    Math.max(floor, target - Math.round(size * PARAGRAPH_REACH.before)),
    Math.min(words.length, target + Math.round(size * PARAGRAPH_REACH.after)),
    (i) => i === words.length || startsParagraph(words, i),
  );
  if (paragraphEnd !== undefined) return paragraphEnd;
  const sentenceEnd = nearest(target, Math.max(floor, target - Math.round(size * SENTENCE_REACH)), target, (i) => endsSentence(words, i));
  return sentenceEnd ?? target;
}

function chooseNextStart(words: Word[], start: number, end: number, overlap: number): number {
  const earliest = Math.max(start + 1, end - overlap);
  const latest = Math.max(earliest, end - Math.floor(overlap / 2));
  return (
    nearest(earliest, earliest, latest, (i) => startsParagraph(words, i)) ??
    nearest(earliest, earliest, latest, (i) => endsSentence(words, i)) ??
    earliest
  );
}

function render(words: Word[], start: number, end: number): DocumentChunk {
  const slice = words.slice(start, end);
  let text = "";
  slice.forEach((word, index) => {
    const previous = slice[index - 1];
    text += !previous ? word.text : previous.paragraph === word.paragraph ? ` ${word.text}` : `\n\n${word.text}`;
  });
  return { text, pageStart: slice[0]?.page ?? 1, pageEnd: slice.at(-1)?.page ?? 1, wordStart: start, wordEnd: end };
}

/** Splits paragraphs into chunks; see the module comment. */
export function chunkDocument(paragraphs: Paragraph[], options: ChunkingOptions): DocumentChunk[] {
  if (options.overlapWords >= options.chunkWords) {
    throw new Error(`The overlap (${options.overlapWords} words) must be smaller than the chunk size (${options.chunkWords} words).`);
  }
  const words = flatten(paragraphs);
  const chunks: DocumentChunk[] = [];
  let start = 0;
  while (start < words.length) {
    const end = chooseEnd(words, start, options);
    chunks.push(render(words, start, end));
    if (end >= words.length) break;
    start = chooseNextStart(words, start, end, options.overlapWords);
  }
  return chunks;
}
