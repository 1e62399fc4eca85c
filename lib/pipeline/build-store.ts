import "server-only";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { AppError } from "@/lib/errors";
import { renderDigest, summariseExtractively } from "@/lib/pipeline/build-digest";
import type { ChunkingOptions } from "@/lib/pipeline/chunk-document";
import { UnusablePdfError } from "@/lib/pipeline/extract-pdf";
import { ingestDocument } from "@/lib/pipeline/ingest-document";
import type { CatalogueEntry } from "@/lib/pipeline/source-catalogue";
import { createBuildFolder, swapStoreIn, writeStoreFiles } from "@/lib/pipeline/write-store";
import type { Embedder } from "@/lib/retrieval/embeddings";
import { type ChunkRecord, type ManifestSource, STORE_FILES } from "@/lib/retrieval/store-format";
import { verifyStore } from "@/lib/retrieval/verify-store";

// `cam ingest`: every document in a folder becomes passages, passages become
// vectors (when an embedder is given), and the whole store is written beside
// the live one, verified, and swapped in.

export type IngestEvent =
  | { type: "document"; index: number; total: number; file: string; outcome: "ingested"; pages: number; chunks: number; ms: number }
  | { type: "document"; index: number; total: number; file: string; outcome: "skipped"; reason: string }
  | { type: "embedding"; batch: number; batches: number; passages: number }
  | { type: "stored"; folder: string };

export type BuildSummary = {
  documents: number;
  pages: number;
  chunks: number;
  skipped: { file: string; reason: string }[];
  storeVersion: string;
  embedding: string | null;
};

/** Passages embedded per request: large enough to amortise the round trip, small enough to stay well within timeouts. */
export const EMBEDDING_BATCH = 32;

/** Files in the documents folder that are not documents. */
const NOT_DOCUMENTS = /^(\.|sources\.tsv$|readme)/i;

async function listDocuments(docsDir: string): Promise<string[]> {
  if (!existsSync(docsDir)) {
    throw new AppError(
      "not_found",
      `The documents folder ${docsDir} does not exist. Put the PDFs there, pass --docs <folder>, or fetch the catalogued documents with --download.`,
    );
  }
  const entries = await readdir(docsDir, { withFileTypes: true });
  return entries.filter((entry) => entry.isFile() && !NOT_DOCUMENTS.test(entry.name)).map((entry) => entry.name).sort();
}

async function embedAll(records: ChunkRecord[], embedder: Embedder, onEvent: (event: IngestEvent) => void) {
  const batches = Math.ceil(records.length / EMBEDDING_BATCH);
  let vectors: Float32Array | undefined;
  let dimension = 0;
  for (let batch = 0; batch < batches; batch += 1) {
    const slice = records.slice(batch * EMBEDDING_BATCH, (batch + 1) * EMBEDDING_BATCH);
    const embedded = await embedder.embed(slice.map((record) => record.text));
    dimension ||= embedded[0]?.length ?? 0;
    vectors ??= new Float32Array(records.length * dimension);
    embedded.forEach((vector, offset) => {
      if (vector.length !== dimension) throw new AppError("bad_gateway", `${embedder.model} returned vectors of different sizes (${vector.length} and ${dimension}).`);
      vectors?.set(vector, (batch * EMBEDDING_BATCH + offset) * dimension);
    });
    onEvent({ type: "embedding", batch: batch + 1, batches, passages: slice.length });
  }
  return { vectors: vectors ?? new Float32Array(0), dimension };
}

/** Builds a store from every document in `docsDir` and swaps it into `storeDir`. */
export async function buildStore(options: {
  docsDir: string;
  storeDir: string;
  catalogue: CatalogueEntry[];
  embedder: Embedder | null;
  chunking: ChunkingOptions;
  onEvent?: (event: IngestEvent) => void;
}): Promise<BuildSummary> {
  const onEvent = options.onEvent ?? (() => undefined);
  const files = await listDocuments(options.docsDir);
  const byFile = new Map(options.catalogue.map((entry) => [entry.file, entry]));
  const records: ChunkRecord[] = [];
  const sources: ManifestSource[] = [];
  const skipped: BuildSummary["skipped"] = [];

  for (const [index, file] of files.entries()) {
    const started = performance.now();
    const path = join(options.docsDir, file);
    const bytes = new Uint8Array(await readFile(path));
    const entry = byFile.get(file);
    try {
      const document = await ingestDocument({ file, path: relative(process.cwd(), path), bytes, entry, chunking: options.chunking });
      records.push(...document.records);
      sources.push({
        file,
        path: relative(process.cwd(), path),
        title: document.title,
        sha256: createHash("sha256").update(bytes).digest("hex"),
        bytes: bytes.length,
        pages: document.pages,
        chunks: document.records.length,
        ...(entry ? { region: entry.region, category: entry.category } : {}),
      });
      const ms = Math.round(performance.now() - started);
      onEvent({ type: "document", index: index + 1, total: files.length, file, outcome: "ingested", pages: document.pages, chunks: document.records.length, ms });
    } catch (error) {
      if (!(error instanceof UnusablePdfError)) throw error;
      skipped.push({ file, reason: error.message });
      onEvent({ type: "document", index: index + 1, total: files.length, file, outcome: "skipped", reason: error.message });
    }
  }
  if (records.length === 0) {
    throw new AppError("validation_failed", `Nothing usable was found in ${options.docsDir}: ${files.length ? "every file was skipped" : "it has no files"}. The store was not changed.`);
  }

  const embedded = options.embedder ? await embedAll(records, options.embedder, onEvent) : null;
  const folder = await createBuildFolder(options.storeDir);
  try {
    const manifest = await writeStoreFiles({
      folder,
      records,
      vectors: embedded?.vectors ?? null,
      manifest: {
        format: 1,
        built_at: new Date().toISOString(),
        embedding:
          options.embedder && embedded
            ? { provider: "ollama", model: options.embedder.model, dimension: embedded.dimension, normalised: true, metric: "inner_product" }
            : null,
        chunking: { chunk_words: options.chunking.chunkWords, overlap_words: options.chunking.overlapWords },
        sources,
        skipped,
      },
    });
    const digestSources = sources.map((source) => ({ ...source, records: records.filter((record) => record.chunk_id.startsWith(`${source.file}::`)) }));
    const summaries = new Map(digestSources.map((source) => [source.file, summariseExtractively(source.records)]));
    await writeFile(join(folder, STORE_FILES.digest), renderDigest({ storeVersion: manifest.store_version, sources: digestSources, summaries, method: "extractive" }));
    const check = await verifyStore(folder);
    if (!check.ok) throw new AppError("internal", `The new store failed verification (${check.problems.join("; ")}). The store in use was not changed.`);
    await swapStoreIn(folder, options.storeDir);
    onEvent({ type: "stored", folder: options.storeDir });
    return {
      documents: sources.length,
      pages: sources.reduce((sum, source) => sum + source.pages, 0),
      chunks: records.length,
      skipped,
      storeVersion: manifest.store_version,
      embedding: manifest.embedding ? manifest.embedding.model : null,
    };
  } catch (error) {
    await rm(folder, { recursive: true, force: true });
    throw error;
  }
}
