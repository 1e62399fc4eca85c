import "server-only";
import { existsSync } from "node:fs";
import { readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Ollama } from "ollama";
import { AppError } from "@/lib/errors";
import { type DigestSource, renderDigest, summariseExtractively } from "@/lib/pipeline/build-digest";
import type { CatalogueEntry } from "@/lib/pipeline/source-catalogue";
import { type ChunkRecord, chunkFileSchema, manifestSchema, STORE_FILES } from "@/lib/retrieval/store-format";
import { storeVersionOf } from "@/lib/retrieval/store-version";

// `cam digest`: rewrites rag_store/regulatory_digest.md, summarising each
// document with an Ollama model when one is named, otherwise extractively.

/** How much of a document a model is shown: the opening passages, about 3,000 tokens. */
const MODEL_INPUT_CHARS = 18_000;
const MODEL_TIMEOUT_MS = 300_000;

function modelSummariser(options: { host: string; apiKey?: string; model: string }) {
  const client = new Ollama({
    host: options.host,
    headers: options.apiKey ? { Authorization: `Bearer ${options.apiKey}` } : undefined,
    fetch: (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(MODEL_TIMEOUT_MS) }),
  });
  return async (source: DigestSource): Promise<string> => {
    const text = source.records.map((record) => record.text).join("\n\n").slice(0, MODEL_INPUT_CHARS);
    const prompt =
      `Summarise the document "${source.title}" for a clinical compliance reviewer in about 300 words. ` +
      "Name its purpose, who it applies to, and its main obligations about patient care, privacy, consent and conduct, " +
      "with clause numbers where the text gives them. Use only the text below; plain prose, no headings.\n\n" +
      text;
    try {
      const response = await client.generate({ model: options.model, prompt, stream: false, options: { temperature: 0 } });
      return (response.response ?? "").trim();
    } catch (error) {
      throw new AppError("bad_gateway", `Ollama could not summarise "${source.title}" with ${options.model}: ${(error as Error).message}`, { cause: error });
    }
  };
}

async function readStoreText(storeDir: string) {
  const path = join(storeDir, STORE_FILES.chunks);
  if (!existsSync(path)) throw new AppError("not_found", `No retrieval store in ${storeDir}. Build one with \`cam ingest\` first.`);
  const chunksFile = await readFile(path, "utf8");
  const manifestPath = join(storeDir, STORE_FILES.manifest);
  const manifest = existsSync(manifestPath) ? manifestSchema.parse(JSON.parse(await readFile(manifestPath, "utf8"))) : null;
  return { records: chunkFileSchema.parse(JSON.parse(chunksFile)), version: storeVersionOf(manifest, chunksFile) };
}

/** Groups passages by source document, with titles from the catalogue where the chunks lack good ones. */
function groupBySource(records: ChunkRecord[], catalogue: CatalogueEntry[]): DigestSource[] {
  const entries = new Map(catalogue.map((entry) => [entry.file, entry]));
  const grouped = new Map<string, DigestSource>();
  for (const record of records) {
    const file = record.chunk_id.split("::")[0] ?? record.path;
    const entry = entries.get(file);
    const source = grouped.get(file) ?? {
      file,
      title: entry?.title ?? record.metadata.source_title,
      region: record.metadata.region ?? entry?.region,
      category: record.metadata.category ?? entry?.category,
      records: [],
    };
    source.records.push(record);
    grouped.set(file, source);
  }
  return [...grouped.values()];
}

/** Writes the digest for the store in `storeDir`; returns how the documents were summarised. */
export async function writeDigest(options: {
  storeDir: string;
  catalogue: CatalogueEntry[];
  model?: { host: string; apiKey?: string; model: string };
  onDocument?: (title: string, index: number, total: number) => void;
}): Promise<{ documents: number; method: string; path: string }> {
  const store = await readStoreText(options.storeDir);
  const sources = groupBySource(store.records, options.catalogue);
  const summarise = options.model ? modelSummariser(options.model) : async (source: DigestSource) => summariseExtractively(source.records);
  const summaries = new Map<string, string>();
  for (const [index, source] of sources.entries()) {
    summaries.set(source.file, await summarise(source));
    options.onDocument?.(source.title, index + 1, sources.length);
  }
  const method = options.model ? `written by ${options.model.model}` : "extractive";
  const path = join(options.storeDir, STORE_FILES.digest);
  await writeFile(`${path}.tmp`, renderDigest({ storeVersion: store.version, sources, summaries, method }));
  await rename(`${path}.tmp`, path);
  return { documents: sources.length, method, path };
}
