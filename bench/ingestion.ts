// Ingestion speed on the reference corpus (../shared/corpus/health_docs):
// text extraction with unpdf next to Debian's pdftotext (poppler) on the same
// files, then the whole keyword-only `cam ingest` build (extract, clean,
// chunk, write, verify). Three runs each; the best is reported.
//
//   npm run bench:ingestion
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildStore } from "../lib/pipeline/build-store";
import { extractPdf, UnusablePdfError } from "../lib/pipeline/extract-pdf";
import { readSourceCatalogue } from "../lib/pipeline/source-catalogue";
import { corpusPath } from "../tests/support/shared-corpus";

const RUNS = 3;
const docsDir = corpusPath("health_docs");
const files = readdirSync(docsDir).filter((file) => file.endsWith(".pdf")).sort();

async function best(run: () => Promise<unknown> | unknown): Promise<number> {
  let fastest = Number.POSITIVE_INFINITY;
  for (let i = 0; i < RUNS; i += 1) {
    const started = performance.now();
    await run();
    fastest = Math.min(fastest, performance.now() - started);
  }
  return Math.round(fastest);
}

const rows: Record<string, { pages: number | string; unpdfMs: number | string; pdftotextMs: number | string }> = {};
for (const file of files) {
  const path = join(docsDir, file);
  const bytes = new Uint8Array(readFileSync(path));
  let pages: number | string = "skipped";
  const unpdfMs = await best(async () => {
    try {
      pages = (await extractPdf(bytes)).pages;
    } catch (error) {
      if (!(error instanceof UnusablePdfError)) throw error;
    }
  });
  const pdftotextMs = await best(() => {
    try {
      execFileSync("pdftotext", ["-q", path, "-"], { stdio: ["ignore", "ignore", "ignore"], maxBuffer: 64 * 1024 * 1024 });
    } catch {
      // pdftotext fails on the file that is not a PDF, as unpdf refuses it.
    }
  });
  rows[file] = { pages, unpdfMs, pdftotextMs };
}
const total = (key: "unpdfMs" | "pdftotextMs") => Object.values(rows).reduce((sum, row) => sum + Number(row[key]), 0);
const totals = { unpdfMs: total("unpdfMs"), pdftotextMs: total("pdftotextMs") };
rows.TOTAL = { pages: "", ...totals };
console.table(rows);

const work = mkdtempSync(join(tmpdir(), "cam-bench-ingest-"));
const catalogue = readSourceCatalogue("health_docs/sources.tsv");
let chunks = 0;
let documents = 0;
const buildMs = await best(async () => {
  const summary = await buildStore({
    docsDir,
    storeDir: join(work, "rag_store"),
    catalogue,
    embedder: null,
    chunking: { chunkWords: 280, overlapWords: 60 },
  });
  chunks = summary.chunks;
  documents = summary.documents;
});
rmSync(work, { recursive: true, force: true });
console.log(`Whole keyword-only build (${documents} documents, ${chunks} chunks): ${(buildMs / 1000).toFixed(1)} s`);
console.log(`Text extraction: unpdf ${totals.unpdfMs} ms, pdftotext ${totals.pdftotextMs} ms (${(totals.unpdfMs / totals.pdftotextMs).toFixed(1)}x).`);

mkdirSync("bench/results", { recursive: true });
writeFileSync(
  "bench/results/ingestion.json",
  `${JSON.stringify({ measuredAt: new Date().toISOString(), runs: RUNS, perDocument: rows, totals, buildMs, documents, chunks }, null, 2)}\n`,
);
