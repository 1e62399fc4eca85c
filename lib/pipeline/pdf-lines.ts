// Turns pdf.js text items into lines and lines into paragraphs, using the
// layout pdf.js reports: a vertical gap clearly wider than the page's usual
// line spacing, a jump back up the page (a new column), a change of font size
// (a heading), or a numbered clause or bullet starts a new paragraph.

/** The fields of a pdf.js text item that layout needs. */
export type TextItem = { str: string; x: number; y: number; width: number; fontSize: number; hasEOL: boolean };
export type PdfLine = { text: string; x: number; y: number; fontSize: number };

/** Items whose baselines differ by less than this fraction of the font size sit on one line. */
const SAME_LINE_TOLERANCE = 0.35;
/** A gap this many times the usual line spacing separates paragraphs (one blank line is about 2x). */
const PARAGRAPH_GAP_FACTOR = 1.45;
/** Font sizes differing by more than this fraction mark a heading. */
const FONT_CHANGE = 0.12;
/** Items closer than this fraction of the font size are parts of one word (a space is narrower than ~0.25 em). */
const WORD_GAP = 0.15;

const STARTS_NEW_ITEM = /^(?:[•▪◦●\-–*]\s|\(?\d{1,3}(?:\.\d{1,3})*[.)]\s|\(?[a-z]\)\s|[A-Z]\.\d|APP\s?\d|Part\s\d|Division\s\d|Standard\s\d)/;

/** Groups a page's text items into lines, in the order pdf.js gives them. */
export function itemsToLines(items: TextItem[]): PdfLine[] {
  const lines: PdfLine[] = [];
  let current: PdfLine | undefined;
  let lineEnd = 0;
  let ended = false;
  for (const item of items) {
    const sameLine =
      current && !ended && Math.abs(item.y - current.y) <= Math.max(item.fontSize, current.fontSize) * SAME_LINE_TOLERANCE;
    if (current && sameLine) {
      const touching = item.x - lineEnd < item.fontSize * WORD_GAP;
      const spaced = current.text.endsWith(" ") || item.str.startsWith(" ") || item.str === "";
      current.text += spaced || touching ? item.str : ` ${item.str}`;
      lineEnd = Math.max(lineEnd, item.x + item.width);
    } else if (item.str.trim() !== "") {
      current = { text: item.str, x: item.x, y: item.y, fontSize: item.fontSize };
      lineEnd = item.x + item.width;
      lines.push(current);
    }
    ended = item.hasEOL;
  }
  return lines
    .map((line) => ({ ...line, text: line.text.replace(/\s+/g, " ").trim() }))
    .filter((line) => line.text !== "");
}

/** The page's line spacing: the most common gap between lines (rounded to half a point), the smaller on a tie. */
function lineSpacing(gaps: number[]): number | undefined {
  const counts = new Map<number, number>();
  for (const gap of gaps) {
    const rounded = Math.round(gap * 2) / 2;
    counts.set(rounded, (counts.get(rounded) ?? 0) + 1);
  }
  let best: [number, number] | undefined;
  for (const [gap, count] of counts) {
    if (!best || count > best[1] || (count === best[1] && gap < best[0])) best = [gap, count];
  }
  return best?.[0];
}

/** Splits a page's lines into paragraphs, each a list of lines. */
export function linesToParagraphs(lines: PdfLine[]): PdfLine[][] {
  const gaps = lines.slice(1).map((line, index) => (lines[index] as PdfLine).y - line.y).filter((gap) => gap > 0);
  const spacing = lineSpacing(gaps);
  const paragraphs: PdfLine[][] = [];
  let previous: PdfLine | undefined;
  for (const line of lines) {
    const gap = previous ? previous.y - line.y : 0;
    const breaks =
      !previous ||
      gap <= 0 ||
      (spacing !== undefined && gap > spacing * PARAGRAPH_GAP_FACTOR) ||
      Math.abs(line.fontSize - previous.fontSize) > previous.fontSize * FONT_CHANGE ||
      STARTS_NEW_ITEM.test(line.text);
    if (breaks) paragraphs.push([line]);
    else paragraphs.at(-1)?.push(line);
    previous = line;
  }
  return paragraphs;
}
