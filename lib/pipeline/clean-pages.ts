import type { PdfLine } from "@/lib/pipeline/pdf-lines";

// Text clean-up that needs the whole document: running headers and footers
// (lines that recur near the top or bottom of many pages), page numbers,
// words hyphenated across lines, odd characters from PDF fonts. Pure.

/** How many lines at the top and bottom of a page can be a running header or footer. */
const EDGE_LINES = 3;
/** A line recurring on at least this share of pages (and at least 3 of them) is a running line. */
const RUNNING_SHARE = 0.4;
const MIN_RUNNING_PAGES = 3;
/** Running headers and footers are short; a longer recurring line is body text that happens to repeat. */
const MAX_RUNNING_WORDS = 15;

const PAGE_NUMBER = /^(?:page\s*)?\d{1,4}(?:\s*(?:of|\/)\s*\d{1,4})?$/i;

/** Lines that differ only in numbers (page numbers, section numbers) share a key. */
const runningKey = (text: string) => text.toLowerCase().replace(/\d+/g, "#").replace(/\s+/g, " ").trim();

function edgeLines(lines: PdfLine[]): PdfLine[] {
  const edges = lines.length <= EDGE_LINES * 2 ? lines : [...lines.slice(0, EDGE_LINES), ...lines.slice(-EDGE_LINES)];
  return edges.filter((line) => line.text.split(" ").length <= MAX_RUNNING_WORDS);
}

/** Removes running headers, footers and bare page numbers from every page. */
export function removeRunningLines(pages: PdfLine[][]): PdfLine[][] {
  const pagesWithKey = new Map<string, number>();
  for (const lines of pages) {
    for (const key of new Set(edgeLines(lines).map((line) => runningKey(line.text)))) {
      pagesWithKey.set(key, (pagesWithKey.get(key) ?? 0) + 1);
    }
  }
  const threshold = Math.max(MIN_RUNNING_PAGES, Math.ceil(pages.length * RUNNING_SHARE));
  return pages.map((lines) => {
    const edges = new Set(edgeLines(lines));
    return lines.filter((line) => {
      if (!edges.has(line)) return true;
      return !PAGE_NUMBER.test(line.text) && (pagesWithKey.get(runningKey(line.text)) ?? 0) < threshold;
    });
  });
}

/** Replaces ligatures, soft hyphens and unusual spaces that PDF fonts produce. */
export function normaliseCharacters(text: string): string {
  return text
    .replace(/\u00ad/g, "")
    .replace(/[\u00a0\u2000-\u200a\u202f]/g, " ")
    .replace(/\ufb01/g, "fi")
    .replace(/\ufb02/g, "fl")
    .replace(/\ufb00/g, "ff")
    .replace(/\ufb03/g, "ffi")
    .replace(/\ufb04/g, "ffl");
}

/** Hyphenated words written within lines anywhere in the document, e.g. "self-harm". */
export function collectHyphenatedWords(pages: PdfLine[][]): Set<string> {
  const words = new Set<string>();
  for (const lines of pages) {
    for (const line of lines) {
      for (const match of line.text.matchAll(/\b[A-Za-z]+-[A-Za-z]+\b/g)) words.add(match[0].toLowerCase());
    }
  }
  return words;
}

/**
 * Joins a paragraph's lines into one string. A word broken with a hyphen at a
 * line end is rejoined, keeping the hyphen only where the document elsewhere
 * writes that word with one ("self-harm" stays, "thera-peutic" becomes "therapeutic").
 */
export function joinLines(lines: string[], hyphenated: Set<string>): string {
  let text = "";
  for (const raw of lines) {
    const line = normaliseCharacters(raw).trim();
    if (!line) continue;
    const broken = /([A-Za-z]+)-$/.exec(text);
    const next = /^([a-z]+)/.exec(line);
    if (broken && next) {
      const keepHyphen = hyphenated.has(`${broken[1]}-${next[1]}`.toLowerCase());
      text = keepHyphen ? text + line : text.slice(0, -1) + line;
    } else {
      text = text ? `${text} ${line}` : line;
    }
  }
  return text.replace(/\s+/g, " ").trim();
}
