import "server-only";
import { extractTextItems, getDocumentProxy, getMeta } from "unpdf";
import { collectHyphenatedWords, joinLines, removeRunningLines } from "@/lib/pipeline/clean-pages";
import { itemsToLines, linesToParagraphs, type TextItem } from "@/lib/pipeline/pdf-lines";

// Reads a PDF into cleaned paragraphs, each tagged with its page. Files that
// cannot give usable text throw UnusablePdfError with a one-line reason.

/** A paragraph of a document and the page (1-based) it starts on. */
export type Paragraph = { text: string; page: number };
export type ExtractedPdf = { pages: number; paragraphs: Paragraph[]; metadataTitle?: string };

/** Why a file was skipped, in words a person can act on. */
export class UnusablePdfError extends Error {
  override name = "UnusablePdfError";
}

/** Runs of dot leaders, as in a table of contents: ". . . . ." or "....." */
const DOT_LEADERS = /(?:\s?\.){4,}/g;
/** A paragraph with this many dot-leader runs is a table of contents, not content. */
const TABLE_OF_CONTENTS_LEADERS = 3;

/** Drops table-of-contents paragraphs and strips dot leaders from the rest. */
function withoutContentsListings(text: string): string {
  const leaders = text.match(DOT_LEADERS)?.length ?? 0;
  if (leaders >= TABLE_OF_CONTENTS_LEADERS) return "";
  return leaders ? text.replace(DOT_LEADERS, " ").replace(/\s+/g, " ").trim() : text;
}

/** Fewer words than this per page on average means there is no real text layer. */
const MIN_WORDS_PER_PAGE = 5;
/** PDF readers accept the %PDF- header anywhere in the first kilobyte. */
const HEADER_WINDOW = 1024;

function checkLooksLikePdf(bytes: Uint8Array): void {
  if (bytes.length === 0) throw new UnusablePdfError("empty file");
  const start = Buffer.from(bytes.subarray(0, HEADER_WINDOW)).toString("latin1");
  if (start.includes("%PDF-")) return;
  if (/<!doctype html|<html/i.test(start)) {
    throw new UnusablePdfError("not a PDF: it is a web page (the download probably saved an error or landing page)");
  }
  throw new UnusablePdfError("not a PDF: it has no PDF header");
}

async function openPdf(bytes: Uint8Array) {
  try {
    // verbosity 0: pdf.js logs only errors, not its many font warnings.
    return await getDocumentProxy(bytes, { verbosity: 0 });
  } catch (error) {
    const name = (error as Error).name;
    if (name === "PasswordException") throw new UnusablePdfError("encrypted: it needs a password to open");
    throw new UnusablePdfError(`corrupt: ${(error as Error).message || name}`);
  }
}

/** A document title from the PDF's metadata, unless it is a placeholder. */
function usableTitle(info: Record<string, unknown>): string | undefined {
  const title = typeof info.Title === "string" ? info.Title.trim() : "";
  if (!title || /^(untitled|microsoft word|document\d*$|title$)/i.test(title) || title.length > 200) return undefined;
  return title;
}

/** Extracts the text of a PDF as cleaned paragraphs. Throws UnusablePdfError for files that cannot be used. */
export async function extractPdf(data: Uint8Array): Promise<ExtractedPdf> {
  checkLooksLikePdf(data);
  // pdf.js takes ownership of (detaches) the buffer it is given, so give it a copy.
  const pdf = await openPdf(new Uint8Array(data));
  try {
    const [{ items, totalPages }, meta] = await Promise.all([
      extractTextItems(pdf).catch((error: Error) => {
        throw new UnusablePdfError(`corrupt: ${error.message}`);
      }),
      getMeta(pdf).catch(() => ({ info: {} })),
    ]);
    const pages = removeRunningLines(items.map((pageItems) => itemsToLines(pageItems as TextItem[])));
    const hyphenated = collectHyphenatedWords(pages);
    const paragraphs: Paragraph[] = [];
    pages.forEach((lines, index) => {
      for (const paragraph of linesToParagraphs(lines)) {
        const text = withoutContentsListings(joinLines(paragraph.map((line) => line.text), hyphenated));
        if (text) paragraphs.push({ text, page: index + 1 });
      }
    });
    const words = paragraphs.reduce((sum, paragraph) => sum + paragraph.text.split(" ").length, 0);
    if (words < Math.max(1, totalPages) * MIN_WORDS_PER_PAGE) {
      throw new UnusablePdfError("no text layer: the pages are images (scan it with OCR first)");
    }
    return { pages: totalPages, paragraphs, metadataTitle: usableTitle(meta.info as Record<string, unknown>) };
  } finally {
    await pdf.destroy();
  }
}
