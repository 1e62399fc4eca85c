import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { readSourceCatalogue } from "@/lib/pipeline/source-catalogue";
import { loadStore } from "@/lib/retrieval/load-store";
import { searchLoadedStore } from "@/lib/retrieval/search-loaded-store";
import { STORE_FILES } from "@/lib/retrieval/store-format";
import { runCli } from "../support/run-cli";
import { corpusPath } from "../support/shared-corpus";

// The whole reference corpus through the real CLI, with no model server:
// `cam ingest`, `cam verify-store`, `cam digest`, and keyword retrieval.

const catalogue = readSourceCatalogue("health_docs/sources.tsv");
const work = mkdtempSync(join(tmpdir(), "cam-corpus-"));
const storeDir = join(work, "rag_store");
const docs = corpusPath("health_docs");
// No Ollama listens on this port, so ingestion falls back to keyword search.
const env = { OLLAMA_HOST: "http://127.0.0.1:9" };
let ingestOutput = "";

beforeAll(async () => {
  const result = await runCli(["ingest", "--docs", docs, "--store", storeDir, "--catalogue", join(process.cwd(), "health_docs/sources.tsv")], { env });
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  ingestOutput = result.stdout;
}, 120_000);

describe("cam ingest on the reference corpus", () => {
  it("reports each document, skips the one that is not a PDF with its reason, and summarises", () => {
    expect(ingestOutput).toMatch(/for keyword search only \(Cannot reach Ollama at http:\/\/127\.0\.0\.1:9/);
    expect(ingestOutput).toMatch(/\[ 1\/12\] ahpra_regulatory_guide_full_2021\.pdf: 108 pages, \d+ chunks/);
    expect(ingestOutput).toMatch(/\[ 6\/12\] good_medical_practice_code_2009\.pdf: skipped, not a PDF: it is a web page/);
    expect(ingestOutput).toMatch(/health_practitioner_regulation_national_law_act_2009\.pdf: 401 pages/);
    expect(ingestOutput).toMatch(/Done in [\d.]+ s: 11 documents, \d+ pages, \d+ chunks, 1 skipped\. Store version \d{8}-[0-9a-f]{12} is now in/);
  });

  it("produces a store that verify-store accepts, including its sources", async () => {
    const result = await runCli(["verify-store", "--store", storeDir, "--docs", docs], { env });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/\d+ chunks from 11 sources, 0 vectors, embeddings: none \(keyword search only\)/);
    expect(result.stdout).toContain("The store is valid.");
  });

  it("answers the disclosure question with passages about confidentiality and disclosure first", async () => {
    const store = await loadStore(storeDir, { catalogue });
    const result = await searchLoadedStore({
      store,
      query: "Under what conditions can a psychologist disclose notes without consent?",
      topK: 12,
      minSimilarity: 0.2,
    });
    expect(result.mode).toBe("keyword");
    const top = result.hits.slice(0, 3);
    for (const hit of top) expect(hit.text).toMatch(/confidential|privacy|disclos/i);
    expect(top.some((hit) => /confidentiality/i.test(hit.text))).toBe(true);
    expect(result.hits.every((hit) => hit.similarity >= 0.2)).toBe(true);
    const firstResearch = result.hits.findIndex((hit) => hit.category === "research-ethics");
    const lastClinical = result.hits.findLastIndex((hit) => hit.category !== "research-ethics");
    if (firstResearch !== -1) expect(firstResearch).toBeGreaterThan(lastClinical);
  });

  it("returns nothing above the threshold for a question the corpus does not cover", async () => {
    const store = await loadStore(storeDir, { catalogue });
    const result = await searchLoadedStore({ store, query: "sourdough croissant lamination", topK: 12, minSimilarity: 0.2 });
    expect(result.hits).toEqual([]);
  });

  it("writes an extractive digest of about 2,000 characters per document", async () => {
    const result = await runCli(["digest", "--store", storeDir, "--catalogue", join(process.cwd(), "health_docs/sources.tsv")], { env });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Wrote .*regulatory_digest\.md: 11 documents, extractive\./);
    const digest = readFileSync(join(storeDir, STORE_FILES.digest), "utf8");
    const sections = digest.split("\n## ").slice(1);
    expect(sections).toHaveLength(11);
    for (const section of sections) expect(section.length).toBeLessThan(2_400);
    expect(digest).toContain("## Health Practitioner Regulation National Law Act 2009 (Qld) (AU, legislation)");
  });

  it("names what is wrong with a tampered store and exits 1", async () => {
    const tampered = join(work, "tampered");
    await runCli(["ingest", "--docs", corpusPath("health_docs"), "--store", tampered], { env });
    const chunksPath = join(tampered, STORE_FILES.chunks);
    const chunks = JSON.parse(readFileSync(chunksPath, "utf8"));
    writeFileSync(chunksPath, JSON.stringify(chunks.slice(1)));
    const result = await runCli(["verify-store", "--store", tampered], { env });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`problem: the manifest lists ${chunks.length} chunks but chunks.json has ${chunks.length - 1}`);
    expect(result.stdout).toContain("problem: chunks.json does not match its checksum in the manifest");
    expect(result.stdout).toContain("The store is not valid");
  }, 60_000);
});

describe("the seed store built by the Python implementation", () => {
  it("passes verify-store without a manifest", async () => {
    const result = await runCli(["verify-store", "--store", corpusPath("seed_store")], { env });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/905 chunks from 11 sources, 905 vectors of dimension 384, embeddings: not recorded \(no manifest\)/);
  });

  it("loads with titles from the catalogue and answers keyword questions", async () => {
    const store = await loadStore(corpusPath("seed_store"), { catalogue, vectorBackend: "builtin" });
    expect(store.passages).toHaveLength(905);
    expect(store.version).toMatch(/^unversioned-[0-9a-f]{12}$/);
    expect(store.passages[0]?.sourceTitle).toBe("Ahpra Regulatory Guide (2021)");
    const result = await searchLoadedStore({ store, query: "APP 6.2(b) disclosure required by law", topK: 3, minSimilarity: 0.2 });
    expect(result.notes).toEqual(["No embedding model is configured for questions; keyword search answered alone."]);
    expect(result.hits[0]?.text).toContain("APP 6.2(b)");
  });
});
