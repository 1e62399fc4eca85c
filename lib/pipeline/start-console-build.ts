import "server-only";
import type { Db } from "@/lib/db";
import type { Env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { runRecordedBuild, startRecordedBuild } from "@/lib/pipeline/recorded-build";
import { catalogueForFolder } from "@/lib/pipeline/source-catalogue";
import { createOllamaEmbedder } from "@/lib/retrieval/embeddings";

/**
 * Starts rebuilding the store from the documents folder, in the background of
 * this server; returns the build's id at once so the page can follow its
 * progress. Embeddings come from Ollama when it answers, else the store is
 * keyword-only (as `cam ingest --embedder auto`).
 */
export async function startConsoleBuild(db: Db, options: { config: Env; actorId: string }): Promise<string> {
  const { config } = options;
  const buildId = await startRecordedBuild(db, { trigger: "console", actorId: options.actorId });
  const catalogue = catalogueForFolder(config.HEALTH_DOCS_DIR);
  const run = async () => {
    let embedder = config.EMBEDDING_MODEL === "none" ? null : createOllamaEmbedder({ host: config.OLLAMA_HOST, apiKey: config.OLLAMA_API_KEY, model: config.EMBEDDING_MODEL });
    try {
      await embedder?.embed(["probe"]);
    } catch {
      embedder = null;
    }
    await runRecordedBuild(db, buildId, {
      docsDir: config.HEALTH_DOCS_DIR,
      storeDir: config.RAG_STORE_DIR,
      catalogue,
      embedder,
      chunking: { chunkWords: 280, overlapWords: 60 },
    });
  };
  run().catch((error: Error) => logger().error({ err: error, buildId }, "store build failed"));
  return buildId;
}
