import { copyFileSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildStore } from "@/lib/pipeline/build-store";
import { searchStore } from "@/lib/retrieval/search-store";
import { corpusPath } from "../support/shared-corpus";

// The app's retrieval (RAG_STORE_DIR from the environment) picks up a store
// that `cam ingest` rebuilt while it was running, without a restart.

const work = mkdtempSync(join(tmpdir(), "cam-reload-"));
const storeDir = join(work, "rag_store");
const chunking = { chunkWords: 280, overlapWords: 60 };

function docsWith(name: string, files: string[]): string {
  const dir = join(work, name);
  mkdirSync(dir);
  for (const file of files) copyFileSync(corpusPath(`health_docs/${file}`), join(dir, file));
  return dir;
}

beforeAll(() => {
  process.env.RAG_STORE_DIR = storeDir;
  process.env.EMBEDDING_MODEL = "none";
  process.env.LOG_LEVEL = "silent";
});

describe("searchStore", () => {
  it("answers from the configured store and reloads it after a rebuild", async () => {
    const first = await buildStore({ docsDir: docsWith("a", ["wma_declaration_of_helsinki_2013.pdf"]), storeDir, catalogue: [], embedder: null, chunking });
    const query = { query: "informed consent of research subjects", topK: 3, minSimilarity: 0.1 };
    const before = await searchStore(query);
    expect(before.storeVersion).toBe(first.storeVersion);
    expect(before.hits[0]?.chunkId).toMatch(/^wma_declaration_of_helsinki_2013\.pdf::/);

    const second = await buildStore({ docsDir: docsWith("b", ["ai_clinical_use_guide.pdf"]), storeDir, catalogue: [], embedder: null, chunking });
    expect(second.storeVersion).not.toBe(first.storeVersion);
    await expect
      .poll(async () => (await searchStore(query)).storeVersion, { timeout: 10_000, interval: 500 })
      .toBe(second.storeVersion);
    expect((await searchStore(query)).hits.every((hit) => hit.chunkId.startsWith("ai_clinical_use_guide.pdf::"))).toBe(true);
  });
});
