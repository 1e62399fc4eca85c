import "server-only";
import { existsSync } from "node:fs";
import { env } from "@/lib/env";
import { type CatalogueEntry, DEFAULT_CATALOGUE, readSourceCatalogue } from "@/lib/pipeline/source-catalogue";
import { createOllamaEmbedder, type Embedder } from "@/lib/retrieval/embeddings";
import { type RetrievalResult, searchLoadedStore } from "@/lib/retrieval/search-loaded-store";
import { getStore } from "@/lib/retrieval/store-cache";

// Retrieval as the app uses it: the store in RAG_STORE_DIR (reloaded when
// rebuilt) and questions embedded by EMBEDDING_MODEL on OLLAMA_HOST.

/** How long embedding one question may take before keyword search answers alone. */
const QUERY_EMBED_TIMEOUT_MS = 5_000;
/** After the embedding server fails, vector search rests this long so every question is not delayed by it. */
const EMBEDDER_REST_MS = 30_000;

let restingUntil = 0;

/** Wraps an embedder so a failure pauses it for a while instead of slowing every question. */
function withRest(embedder: Embedder): Embedder {
  return {
    ...embedder,
    async embed(texts) {
      if (Date.now() < restingUntil) {
        throw new Error(`the embedding server failed recently; retrying after ${new Date(restingUntil).toISOString()}`);
      }
      try {
        return await embedder.embed(texts);
      } catch (error) {
        restingUntil = Date.now() + EMBEDDER_REST_MS;
        throw error;
      }
    },
  };
}

let cached: { key: string; embedder: Embedder | null } | undefined;

function questionEmbedder(): Embedder | null {
  const config = env();
  const key = `${config.OLLAMA_HOST}|${config.EMBEDDING_MODEL}`;
  if (cached?.key !== key) {
    const embedder =
      config.EMBEDDING_MODEL === "none"
        ? null
        : createOllamaEmbedder({
            host: config.OLLAMA_HOST,
            apiKey: config.OLLAMA_API_KEY,
            model: config.EMBEDDING_MODEL,
            timeoutMs: QUERY_EMBED_TIMEOUT_MS,
          });
    cached = { key, embedder: embedder && withRest(embedder) };
  }
  return cached.embedder;
}

let catalogue: CatalogueEntry[] | undefined;

/** The project's source catalogue, read once; it labels passages of stores that lack titles. */
function defaultCatalogue(): CatalogueEntry[] {
  catalogue ??= existsSync(DEFAULT_CATALOGUE) ? readSourceCatalogue(DEFAULT_CATALOGUE) : [];
  return catalogue;
}

/** The passages for a question from the configured store. */
export async function searchStore(options: { query: string; topK: number; minSimilarity: number }): Promise<RetrievalResult> {
  const config = env();
  const store = await getStore(config.RAG_STORE_DIR, { catalogue: defaultCatalogue(), vectorBackend: config.VECTOR_BACKEND });
  return searchLoadedStore({ store, embedder: questionEmbedder(), ...options });
}
