import { existsSync } from "node:fs";
import { relative, resolve } from "node:path";
import type { Command } from "commander";
import { z } from "zod";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { getDb } from "@/lib/db";
import { buildStore, type IngestEvent } from "@/lib/pipeline/build-store";
import { runRecordedBuild, startRecordedBuild } from "@/lib/pipeline/recorded-build";
import { downloadSources } from "@/lib/pipeline/download-sources";
import { type CatalogueEntry, DEFAULT_CATALOGUE, readSourceCatalogue } from "@/lib/pipeline/source-catalogue";
import { writeDigest } from "@/lib/pipeline/write-digest";
import { createOllamaEmbedder, type Embedder } from "@/lib/retrieval/embeddings";
import { verifyStore } from "@/lib/retrieval/verify-store";
import { runCommand } from "../run-command";

const ingestOptionsSchema = z
  .object({
    docs: z.string().min(1).optional(),
    store: z.string().optional(),
    download: z.boolean().default(false),
    catalogue: z.string().min(1),
    chunkWords: z.coerce.number().int().min(50, { error: "must be at least 50" }).max(2000, { error: "must be at most 2000" }),
    overlapWords: z.coerce.number().int().min(0, { error: "must not be negative" }),
    embedder: z.enum(["auto", "ollama", "none"], { error: "must be auto, ollama or none" }),
    embeddingModel: z.string().min(1).optional(),
  })
  .refine((options) => options.overlapWords < options.chunkWords, { error: "must be smaller than --chunk-words", path: ["overlapWords"] });

const show = (path: string) => relative(process.cwd(), path) || ".";
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function readCatalogueIfPresent(path: string, required: boolean): CatalogueEntry[] {
  if (existsSync(path)) return readSourceCatalogue(path);
  if (required) throw new AppError("not_found", `The source catalogue ${path} does not exist; --download needs it (pass --catalogue <file>).`);
  return [];
}

/** Picks the embedder: Ollama when asked for or when it answers; none otherwise (keyword search only). */
async function chooseEmbedder(mode: "auto" | "ollama" | "none", model: string): Promise<{ embedder: Embedder | null; note?: string }> {
  if (mode === "none" || model === "none") return { embedder: null, note: "no embeddings requested" };
  const config = env();
  const embedder = createOllamaEmbedder({ host: config.OLLAMA_HOST, apiKey: config.OLLAMA_API_KEY, model });
  if (mode === "ollama") return { embedder };
  try {
    await embedder.embed(["probe"]);
    return { embedder };
  } catch (error) {
    return { embedder: null, note: (error as Error).message };
  }
}

function printEvent(event: IngestEvent): void {
  const width = (total: number) => String(total).length;
  switch (event.type) {
    case "document": {
      const position = `[${String(event.index).padStart(width(event.total))}/${event.total}]`;
      if (event.outcome === "ingested") {
        console.log(`${position} ${event.file}: ${event.pages} pages, ${event.chunks} chunks (${seconds(event.ms)})`);
      } else {
        console.log(`${position} ${event.file}: skipped, ${event.reason}`);
      }
      return;
    }
    case "embedding":
      console.log(`embedding batch ${event.batch}/${event.batches} (${event.passages} passages)`);
      return;
    case "stored":
      return;
  }
}

/** `cam ingest` with its options as given on the command line; also run by `cam pipeline --refresh-store`. */
export async function runIngest(raw: Record<string, unknown>): Promise<number> {
  const parsed = ingestOptionsSchema.parse(raw);
  const config = env();
  const options = { ...parsed, docs: parsed.docs ?? config.HEALTH_DOCS_DIR };
  const storeDir = options.store ? resolve(options.store) : config.RAG_STORE_DIR;
  const catalogue = readCatalogueIfPresent(options.catalogue, options.download);
  if (options.download) {
    console.log(`Downloading ${catalogue.length} catalogued documents into ${options.docs}`);
    const outcomes = await downloadSources({
      entries: catalogue,
      docsDir: options.docs,
      onOutcome: (outcome, index, total) => {
        const detail =
          outcome.status === "failed"
            ? `failed after ${outcome.attempts} attempt(s): ${outcome.reason}`
            : outcome.status === "downloaded"
              ? `downloaded (${outcome.bytes} bytes, ${outcome.attempts} attempt(s))`
              : "already present";
        console.log(`[${index}/${total}] ${outcome.file}: ${detail}`);
      },
    });
    const failed = outcomes.filter((outcome) => outcome.status === "failed").length;
    if (failed) console.log(`${failed} download(s) failed; ingesting what is present.`);
  }
  const { embedder, note } = await chooseEmbedder(options.embedder, options.embeddingModel ?? config.EMBEDDING_MODEL);
  console.log(
    `Ingesting ${show(options.docs)} into ${show(storeDir)} ` +
      (embedder ? `with embeddings from ${embedder.model} at ${embedder.endpoint}` : `for keyword search only (${note})`),
  );
  const started = performance.now();
  const build = {
    docsDir: options.docs,
    storeDir,
    catalogue,
    embedder,
    chunking: { chunkWords: options.chunkWords, overlapWords: options.overlapWords },
    onEvent: printEvent,
  };
  const buildId = await startRecordedBuild(getDb(), { trigger: "cli", actorId: null }).catch((error: Error) => {
    if (error instanceof AppError && error.code === "conflict") throw error;
    console.log(`warning: this build will not appear in the console's store history (${error.message})`);
    return undefined;
  });
  const summary = buildId ? await runRecordedBuild(getDb(), buildId, build) : await buildStore(build);
  console.log(
    `Done in ${seconds(performance.now() - started)}: ${summary.documents} documents, ${summary.pages} pages, ` +
      `${summary.chunks} chunks, ${summary.skipped.length} skipped. Store version ${summary.storeVersion} is now in ${show(storeDir)}.`,
  );
  return 0;
}

/** `cam verify-store`; also run by `cam pipeline --refresh-store`. Returns the exit code. */
export async function runVerifyStore(options: { store?: string; docs?: string }): Promise<number> {
  const storeDir = options.store ? resolve(options.store) : env().RAG_STORE_DIR;
  const check = await verifyStore(storeDir, { docsDir: options.docs });
  const { facts } = check;
  console.log(`Store ${show(storeDir)}: version ${facts.version ?? "unknown"}, ${facts.chunks ?? 0} chunks from ${facts.sources ?? 0} sources, ` +
    `${facts.vectors ?? 0} vectors${facts.dimension ? ` of dimension ${facts.dimension}` : ""}, embeddings: ${facts.embedding}.`);
  for (const problem of check.problems) console.log(`  problem: ${problem}`);
  console.log(check.ok ? "The store is valid." : `The store is not valid (${check.problems.length} problem(s)). Rebuild it with \`cam ingest\`.`);
  return check.ok ? 0 : 1;
}

async function digest(options: { store?: string; model?: string; catalogue: string }): Promise<number> {
  const config = env();
  const storeDir = options.store ? resolve(options.store) : config.RAG_STORE_DIR;
  const result = await writeDigest({
    storeDir,
    catalogue: readCatalogueIfPresent(options.catalogue, false),
    model: options.model ? { host: config.OLLAMA_HOST, apiKey: config.OLLAMA_API_KEY, model: options.model } : undefined,
    onDocument: (title, index, total) => console.log(`[${index}/${total}] ${title}`),
  });
  console.log(`Wrote ${show(result.path)}: ${result.documents} documents, ${result.method}.`);
  return 0;
}

/** `cam ingest`, `cam verify-store`, `cam digest`: the retrieval store. */
export function registerStoreCommands(program: Command): void {
  program
    .command("ingest")
    .description("build the retrieval store from a folder of PDFs (replaces the store only when the new one is complete)")
    .option("--docs <dir>", "folder of documents (default: HEALTH_DOCS_DIR)")
    .option("--store <dir>", "store folder (default: RAG_STORE_DIR)")
    .option("--download", "first fetch the documents listed in the catalogue from their official addresses")
    .option("--catalogue <file>", "source catalogue: file, title, region, category, url", DEFAULT_CATALOGUE)
    .option("--chunk-words <n>", "words per chunk", "280")
    .option("--overlap-words <n>", "words shared by consecutive chunks", "60")
    .option("--embedder <mode>", "auto (Ollama when it answers), ollama (required) or none (keyword search only)", "auto")
    .option("--embedding-model <name>", "Ollama embedding model (default: EMBEDDING_MODEL)")
    .action((options: Record<string, unknown>) => runCommand(() => runIngest(options)));

  program
    .command("verify-store")
    .description("check that a store is complete and consistent; exits 1 with the reasons when it is not")
    .option("--store <dir>", "store folder (default: RAG_STORE_DIR)")
    .option("--docs <dir>", "also check that the source documents are in this folder, unchanged")
    .action((options: { store?: string; docs?: string }) => runCommand(() => runVerifyStore(options)));

  program
    .command("digest")
    .description("write the per-document summary that judge prompts use (regulatory_digest.md in the store)")
    .option("--store <dir>", "store folder (default: RAG_STORE_DIR)")
    .option("--model <name>", "summarise with this Ollama model instead of extracting sentences")
    .option("--catalogue <file>", "source catalogue for document titles", DEFAULT_CATALOGUE)
    .action((options: { store?: string; model?: string; catalogue: string }) => runCommand(() => digest(options)));
}
