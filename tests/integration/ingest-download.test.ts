import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { downloadSources } from "@/lib/pipeline/download-sources";
import { startFakeDocumentServer } from "../fakes/fake-document-server";
import { startFakeOllama } from "../fakes/fake-ollama-server";
import type { FakeServer } from "../fakes/http-server";
import { runCli } from "../support/run-cli";
import { corpusPath } from "../support/shared-corpus";

// `cam ingest --download` against a fake publisher: real PDFs, an HTML page
// where a PDF should be, a flaky server, a rate limit and a missing document.

const helsinki = new Uint8Array(readFileSync(corpusPath("health_docs/wma_declaration_of_helsinki_2013.pdf")));
const ethics = new Uint8Array(readFileSync(corpusPath("health_docs/wma_international_code_medical_ethics_2022.pdf")));

let publisher: FakeServer;
let ollama: FakeServer;
let work: string;
let catalogue: string;

beforeAll(async () => {
  publisher = await startFakeDocumentServer({
    "/helsinki.pdf": { kind: "pdf", bytes: helsinki, failFirst: 2 },
    "/ethics.pdf": { kind: "pdf", bytes: ethics, failFirst: 1, failStatus: 429 },
    "/charter.pdf": { kind: "html" },
  });
  ollama = await startFakeOllama();
  work = mkdtempSync(join(tmpdir(), "cam-download-"));
  catalogue = join(work, "sources.tsv");
  writeFileSync(
    catalogue,
    [
      "file\ttitle\tregion\tcategory\turl",
      `wma_declaration_of_helsinki_2013.pdf\tWMA Declaration of Helsinki (2013)\tinternational\tresearch-ethics\t${publisher.url}/helsinki.pdf`,
      `wma_code.pdf\tWMA International Code of Medical Ethics (2022)\tinternational\tcode-of-ethics\t${publisher.url}/ethics.pdf`,
      `charter.pdf\tAustralian Charter of Healthcare Rights (2020)\tAU\tpatient-rights\t${publisher.url}/charter.pdf`,
      `moved.pdf\tA Moved Document\tAU\tstandards\t${publisher.url}/moved.pdf`,
    ].join("\n"),
  );
});
afterAll(async () => {
  await publisher.close();
  await ollama.close();
});

describe("downloading the catalogued documents", () => {
  it("retries failures, refuses what is not a PDF, and ingests the rest", async () => {
    const docs = join(work, "docs");
    const store = join(work, "store");
    const result = await runCli(["ingest", "--download", "--docs", docs, "--store", store, "--catalogue", catalogue, "--embedder", "none"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`[1/4] wma_declaration_of_helsinki_2013.pdf: downloaded (${helsinki.length} bytes, 3 attempt(s))`);
    expect(result.stdout).toContain(`[2/4] wma_code.pdf: downloaded (${ethics.length} bytes, 2 attempt(s))`);
    expect(result.stdout).toMatch(/\[3\/4\] charter\.pdf: failed after 1 attempt\(s\): the address returned text\/html; charset=utf-8, not a PDF/);
    expect(result.stdout).toMatch(/\[4\/4\] moved\.pdf: failed after 1 attempt\(s\): HTTP 404/);
    expect(result.stdout).toContain("2 download(s) failed; ingesting what is present.");
    expect(result.stdout).toMatch(/Done in .*: 2 documents/);
    expect(existsSync(join(docs, "charter.pdf"))).toBe(false);
    expect(readdirSync(docs).filter((name) => name.endsWith(".part"))).toEqual([]);
  });

  it("counts attempts and leaves documents already present alone", async () => {
    const docs = join(work, "docs");
    const outcomes = await downloadSources({
      entries: [{ file: "wma_code.pdf", title: "x", region: "international", category: "code-of-ethics", url: `${publisher.url}/ethics.pdf` }],
      docsDir: docs,
      backoffMs: 10,
    });
    expect(outcomes).toEqual([{ file: "wma_code.pdf", status: "present" }]);
    const fresh = await downloadSources({
      entries: [{ file: "again.pdf", title: "x", region: "AU", category: "standards", url: `${publisher.url}/helsinki.pdf` }],
      docsDir: join(work, "fresh"),
      backoffMs: 10,
    });
    expect(fresh).toEqual([{ file: "again.pdf", status: "downloaded", bytes: helsinki.length, attempts: 1 }]);
  });

  it("summarises with an Ollama model when one is named", async () => {
    const result = await runCli(["digest", "--store", join(work, "store"), "--model", "gemma3:4b", "--catalogue", catalogue], {
      env: { OLLAMA_HOST: ollama.url },
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("2 documents, written by gemma3:4b.");
    const digest = readFileSync(join(work, "store", "regulatory_digest.md"), "utf8");
    expect(digest).toContain("A model-written summary of WMA Declaration of Helsinki (2013).");
  });
});
