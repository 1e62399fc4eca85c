import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildStore, type IngestEvent } from "@/lib/pipeline/build-store";
import { readSourceCatalogue } from "@/lib/pipeline/source-catalogue";
import { createOllamaEmbedder } from "@/lib/retrieval/embeddings";
import { loadStore } from "@/lib/retrieval/load-store";
import { searchLoadedStore } from "@/lib/retrieval/search-loaded-store";
import { manifestSchema, STORE_FILES } from "@/lib/retrieval/store-format";
import { verifyStore } from "@/lib/retrieval/verify-store";
import { startFakeOllama } from "../fakes/fake-ollama-server";
import type { FakeServer } from "../fakes/http-server";
import { corpusPath } from "../support/shared-corpus";

// Building stores from real PDFs (three small corpus documents plus files that
// must be skipped), with embeddings from a fake Ollama server.

const catalogue = readSourceCatalogue("health_docs/sources.tsv");
const chunking = { chunkWords: 280, overlapWords: 60 };
const documents = ["wma_declaration_of_helsinki_2013.pdf", "wma_international_code_medical_ethics_2022.pdf", "ai_clinical_use_guide.pdf"];

let work: string;
let docsDir: string;
let ollama: FakeServer;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "cam-build-"));
  docsDir = join(work, "health_docs");
  mkdirSync(docsDir);
  for (const file of documents) copyFileSync(corpusPath(`health_docs/${file}`), join(docsDir, file));
  copyFileSync(corpusPath("health_docs/good_medical_practice_code_2009.pdf"), join(docsDir, "good_medical_practice_code_2009.pdf"));
  writeFileSync(join(docsDir, "empty.pdf"), "");
  writeFileSync(join(docsDir, "minutes.docx"), "PK\u0003\u0004 not a PDF");
  writeFileSync(join(docsDir, "sources.tsv"), "file\ttitle\n");
  ollama = await startFakeOllama();
});
afterAll(() => ollama.close());

const embedder = (model = "all-minilm") => createOllamaEmbedder({ host: ollama.url, model });

describe("buildStore", () => {
  it("builds a keyword-only store, skipping unusable files with a reason each, and reports progress", async () => {
    const storeDir = join(work, "keyword_store");
    const events: IngestEvent[] = [];
    const summary = await buildStore({ docsDir, storeDir, catalogue, embedder: null, chunking, onEvent: (event) => events.push(event) });

    expect(summary).toMatchObject({ documents: 3, embedding: null });
    expect(summary.skipped).toEqual([
      { file: "empty.pdf", reason: "empty file" },
      { file: "good_medical_practice_code_2009.pdf", reason: expect.stringMatching(/^not a PDF: it is a web page/) },
      { file: "minutes.docx", reason: "not a PDF: it has no PDF header" },
    ]);
    expect(events.filter((event) => event.type === "document")).toHaveLength(6);
    expect(existsSync(join(storeDir, STORE_FILES.index))).toBe(false);

    const manifest = manifestSchema.parse(JSON.parse(readFileSync(join(storeDir, STORE_FILES.manifest), "utf8")));
    expect(manifest).toMatchObject({ chunk_count: summary.chunks, embedding: null, chunking: { chunk_words: 280, overlap_words: 60 } });
    expect(manifest.sources.map((source) => source.title)).toContain("WMA Declaration of Helsinki (2013)");
    expect(manifest.sources.every((source) => /^[0-9a-f]{64}$/.test(source.sha256))).toBe(true);
    expect((await verifyStore(storeDir, { docsDir })).problems).toEqual([]);

    const chunks = JSON.parse(readFileSync(join(storeDir, STORE_FILES.chunks), "utf8"));
    expect(chunks[0]).toMatchObject({
      chunk_id: "ai_clinical_use_guide.pdf::chunk-1",
      metadata: { source_title: "AI Clinical Use Guide (ACSQHC, 2025)", region: "AU", category: "ai-guidance", page_start: 1 },
    });
    expect(readFileSync(join(storeDir, STORE_FILES.digest), "utf8")).toContain("## WMA Declaration of Helsinki (2013) (international, research-ethics)");
  });

  it("builds a hybrid store with embeddings, searched by vector and keyword together", async () => {
    const storeDir = join(work, "hybrid_store");
    const events: IngestEvent[] = [];
    const summary = await buildStore({ docsDir, storeDir, catalogue, embedder: embedder(), chunking, onEvent: (event) => events.push(event) });
    expect(summary.embedding).toBe("all-minilm");
    const batches = events.filter((event) => event.type === "embedding");
    expect(batches.length).toBe(Math.ceil(summary.chunks / 32));

    const store = await loadStore(storeDir, { vectorBackend: "builtin" });
    expect(store.vectors?.count).toBe(summary.chunks);
    expect(store.manifest?.embedding).toEqual({ provider: "ollama", model: "all-minilm", dimension: 384, normalised: true, metric: "inner_product" });
    const result = await searchLoadedStore({
      store,
      embedder: embedder(),
      query: "physicians must obtain informed consent from research subjects",
      topK: 5,
      minSimilarity: 0.1,
    });
    expect(result.mode).toBe("hybrid");
    expect(result.hits[0]?.scores.vector).toBeGreaterThan(0);
    expect(result.hits[0]?.scores.keyword).toBeGreaterThan(0);
    expect(result.hits.map((hit) => hit.rank)).toEqual([1, 2, 3, 4, 5]);
  });

  it("refuses questions embedded by another model than the store's", async () => {
    const store = await loadStore(join(work, "hybrid_store"), { vectorBackend: "builtin" });
    const other = createOllamaEmbedder({ host: ollama.url, model: "gemma3:4b" });
    await expect(searchLoadedStore({ store, embedder: other, query: "consent", topK: 3, minSimilarity: 0 })).rejects.toThrow(
      /built with embeddings from "all-minilm", but questions would be embedded with "gemma3:4b"/,
    );
  });

  it("leaves the store in use untouched when a rebuild fails part-way", async () => {
    const storeDir = join(work, "hybrid_store");
    const before = readFileSync(join(storeDir, STORE_FILES.manifest), "utf8");
    const failing = await startFakeOllama({ failEmbedAfter: 1 });
    try {
      const broken = createOllamaEmbedder({ host: failing.url });
      // Small chunks make several embedding batches, so the server fails after the first.
      const small = { chunkWords: 80, overlapWords: 20 };
      await expect(buildStore({ docsDir, storeDir, catalogue, embedder: broken, chunking: small })).rejects.toThrow(
        /failed to embed with "all-minilm" \(HTTP 500/,
      );
    } finally {
      await failing.close();
    }
    expect(readFileSync(join(storeDir, STORE_FILES.manifest), "utf8")).toBe(before);
    expect(readdirSync(dirname(storeDir)).filter((name) => name.includes(".building-") || name.includes(".previous-"))).toEqual([]);
  });

  it("refuses to replace a store when nothing usable was found", async () => {
    const emptyDocs = join(work, "nothing");
    mkdirSync(emptyDocs);
    writeFileSync(join(emptyDocs, "scan.pdf"), "");
    const storeDir = join(work, "keyword_store");
    const before = readFileSync(join(storeDir, STORE_FILES.manifest), "utf8");
    await expect(buildStore({ docsDir: emptyDocs, storeDir, catalogue, embedder: null, chunking })).rejects.toThrow(
      /Nothing usable was found .* every file was skipped\. The store was not changed\./,
    );
    expect(readFileSync(join(storeDir, STORE_FILES.manifest), "utf8")).toBe(before);
  });

  it("explains a documents folder that does not exist", async () => {
    await expect(buildStore({ docsDir: join(work, "nowhere"), storeDir: join(work, "x"), catalogue, embedder: null, chunking })).rejects.toThrow(
      /The documents folder .*nowhere does not exist/,
    );
  });
});
