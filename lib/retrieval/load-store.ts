import "server-only";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { AppError } from "@/lib/errors";
import type { CatalogueEntry } from "@/lib/pipeline/source-catalogue";
import { createLexicalIndex, type LexicalIndex } from "@/lib/retrieval/lexical-index";
import { chunkFileSchema, manifestSchema, STORE_FILES, type StoreManifest } from "@/lib/retrieval/store-format";
import { storeVersionOf } from "@/lib/retrieval/store-version";
import { loadVectorIndex, type VectorBackend, type VectorIndex } from "@/lib/retrieval/vector-index";

// Loads a retrieval store into memory: passages, the vector index (when the
// store has one) and a keyword index built on the spot. Stores with only
// index.faiss and chunks.json (built elsewhere, like the seed store) load too.

/** A passage of the store, with readable source details. `id` is its position (and vector id). */
export type StorePassage = {
  id: number;
  chunkId: string;
  path: string;
  text: string;
  sourceTitle: string;
  label: string;
  pageStart?: number;
  pageEnd?: number;
  region?: string;
  category?: string;
};

export type LoadedStore = {
  dir: string;
  /** From the manifest, or derived from the content of a store without one. */
  version: string;
  manifest: StoreManifest | null;
  passages: StorePassage[];
  vectors: VectorIndex | null;
  /** The embedding model the vectors came from; null when the store does not say. */
  embeddingModel: string | null;
  lexical: LexicalIndex;
};

const invalid = (dir: string, problem: string) =>
  new AppError("service_unavailable", `The retrieval store in ${dir} cannot be used: ${problem}. Rebuild it with \`cam ingest\`.`);

function parseJson(text: string, file: string, dir: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw invalid(dir, `${file} is not valid JSON (${(error as Error).message})`);
  }
}

/** The file name a chunk came from: the part of its id before "::". */
const sourceFile = (chunkId: string, path: string) => chunkId.split("::")[0] || basename(path);

/** Loads the store in `dir`. Catalogue entries supply titles, regions and categories the chunks lack. */
export async function loadStore(
  dir: string,
  options: { catalogue?: CatalogueEntry[]; vectorBackend?: "auto" | VectorBackend } = {},
): Promise<LoadedStore> {
  const chunksPath = join(dir, STORE_FILES.chunks);
  if (!existsSync(chunksPath)) {
    throw new AppError("service_unavailable", `No retrieval store in ${dir} (no ${STORE_FILES.chunks}). Build one with \`cam ingest\`.`);
  }
  const chunksText = await readFile(chunksPath, "utf8");
  const parsedChunks = chunkFileSchema.safeParse(parseJson(chunksText, STORE_FILES.chunks, dir));
  if (!parsedChunks.success) throw invalid(dir, `${STORE_FILES.chunks} does not match the chunk format (${parsedChunks.error.issues[0]?.message})`);

  const manifestPath = join(dir, STORE_FILES.manifest);
  let manifest: StoreManifest | null = null;
  if (existsSync(manifestPath)) {
    const parsed = manifestSchema.safeParse(parseJson(await readFile(manifestPath, "utf8"), STORE_FILES.manifest, dir));
    if (!parsed.success) throw invalid(dir, `${STORE_FILES.manifest} is not a valid manifest (${parsed.error.issues[0]?.message})`);
    manifest = parsed.data;
  }

  const indexPath = join(dir, STORE_FILES.index);
  const wantsVectors = manifest ? manifest.embedding !== null : true;
  let vectors: VectorIndex | null = null;
  if (wantsVectors) {
    if (!existsSync(indexPath)) throw invalid(dir, `${STORE_FILES.index} is missing`);
    vectors = await loadVectorIndex(indexPath, { backend: options.vectorBackend ?? "auto" }).catch((error: Error) => {
      throw invalid(dir, error.message);
    });
    if (vectors.count !== parsedChunks.data.length) {
      throw invalid(dir, `${STORE_FILES.index} has ${vectors.count} vectors but ${STORE_FILES.chunks} has ${parsedChunks.data.length} passages`);
    }
  }

  const catalogue = new Map((options.catalogue ?? []).map((entry) => [entry.file, entry]));
  const passages = parsedChunks.data.map((chunk, id): StorePassage => {
    const entry = catalogue.get(sourceFile(chunk.chunk_id, chunk.path));
    const { metadata } = chunk;
    return {
      id,
      chunkId: chunk.chunk_id,
      path: chunk.path,
      text: chunk.text,
      sourceTitle: entry?.title ?? metadata.source_title,
      label: metadata.label.replace(/\s+/g, " "),
      pageStart: metadata.page_start,
      pageEnd: metadata.page_end,
      region: metadata.region ?? entry?.region,
      category: metadata.category ?? entry?.category,
    };
  });

  const version = storeVersionOf(manifest, chunksText);
  return {
    dir,
    version,
    manifest,
    passages,
    vectors,
    embeddingModel: manifest?.embedding?.model ?? null,
    lexical: createLexicalIndex(passages),
  };
}
