import "server-only";
import { passageLabel } from "@/lib/retrieval/clause-markers";
import type { ChunkRecord } from "@/lib/retrieval/store-format";
import { type ChunkingOptions, chunkDocument } from "@/lib/pipeline/chunk-document";
import { extractPdf } from "@/lib/pipeline/extract-pdf";
import { type CatalogueEntry, titleFromFileName } from "@/lib/pipeline/source-catalogue";

/** One document turned into store records. */
export type IngestedDocument = { title: string; pages: number; records: ChunkRecord[] };

/**
 * Extracts, cleans and chunks one PDF into chunk records. The title comes from
 * the catalogue, else the PDF's metadata, else the file name. Throws
 * UnusablePdfError (with a one-line reason) for files that cannot be used.
 */
export async function ingestDocument(options: {
  file: string;
  path: string;
  bytes: Uint8Array;
  entry?: CatalogueEntry;
  chunking: ChunkingOptions;
}): Promise<IngestedDocument> {
  const extracted = await extractPdf(options.bytes);
  const title = options.entry?.title ?? extracted.metadataTitle ?? titleFromFileName(options.file);
  const records = chunkDocument(extracted.paragraphs, options.chunking).map(
    (chunk, index): ChunkRecord => ({
      chunk_id: `${options.file}::chunk-${index + 1}`,
      path: options.path,
      text: chunk.text,
      metadata: {
        source_title: title,
        label: passageLabel(title, chunk.text, { legislation: options.entry?.category === "legislation" }),
        page_start: chunk.pageStart,
        page_end: chunk.pageEnd,
        word_start: chunk.wordStart,
        word_end: chunk.wordEnd,
        ...(options.entry ? { region: options.entry.region, category: options.entry.category } : {}),
      },
    }),
  );
  return { title, pages: extracted.pages, records };
}
