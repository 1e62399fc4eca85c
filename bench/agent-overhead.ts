// The agent's own overhead: everything answerQuestion does except waiting for
// the model (retrieval, prompt, checks, final text, audit write), on the
// reference corpus store, SQLite, and a fake Ollama that answers at once.
// Overhead = totalMs - generationMs. Target: p95 at most 25 ms.
//
//   npm run bench:agent
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { answerQuestion } from "../lib/agent/answer-question";
import { createDb } from "../lib/db";
import { runMigrations } from "../lib/database/run-migrations";
import { parseDatabaseUrl, type DatabaseTarget } from "../lib/env";
import { createModelClient } from "../lib/llm/create-model-client";
import { buildStore } from "../lib/pipeline/build-store";
import { readSourceCatalogue } from "../lib/pipeline/source-catalogue";
import { createOllamaEmbedder } from "../lib/retrieval/embeddings";
import { loadStore } from "../lib/retrieval/load-store";
import { searchLoadedStore } from "../lib/retrieval/search-loaded-store";
import { seedDatabase } from "../prisma/seed";
import { startFakeOllama } from "../tests/fakes/fake-ollama-server";
import { corpusPath } from "../tests/support/shared-corpus";

const QUESTIONS = 300;
const WARM_UP = 20;
const TARGET_P95_MS = 25;

const percentile = (sorted: number[], fraction: number) => sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * fraction) - 1)] ?? Number.NaN;

const work = mkdtempSync(join(tmpdir(), "cam-bench-agent-"));
const target = parseDatabaseUrl(`file:${join(work, "cam.db")}`) as DatabaseTarget;
await runMigrations({ target });
const db = createDb(target);
await seedDatabase(db, { adminEmail: "admin@bench.example", adminPassword: "benchmark-password" });
// A generous rate limit: the benchmark asks far more than a person would.
const settings = await db.settingsVersion.findFirstOrThrow({ where: { status: "active" } });
await db.settingsVersion.update({ where: { version: settings.version }, data: { status: "superseded" } });
await db.settingsVersion.create({
  data: { status: "active", values: { ...(settings.values as object), limits: { chatRequestsPerMinute: 10_000 } } },
});
const user = await db.user.create({ data: { email: "bench@bench.example", name: "Bench", role: "clinician" } });

const ollama = await startFakeOllama({ script: () => "Nurses must seek consent before disclosing information (see [1])." });
const catalogue = readSourceCatalogue("health_docs/sources.tsv");
const embedder = createOllamaEmbedder({ host: ollama.url });
await buildStore({ docsDir: corpusPath("health_docs"), storeDir: join(work, "store"), catalogue, embedder, chunking: { chunkWords: 280, overlapWords: 60 } });
const store = await loadStore(join(work, "store"), { catalogue, vectorBackend: "builtin" });
const client = createModelClient({ provider: "ollama", host: ollama.url });
const deps = {
  db,
  retrieve: (query: { query: string; topK: number; minSimilarity: number }) => searchLoadedStore({ store, embedder, ...query }),
  modelClient: () => client,
};

const questions = readFileSync(corpusPath("questions/general.txt"), "utf8").split("\n").filter(Boolean);
const overhead: number[] = [];
const stages: Record<string, number[]> = { retrievalMs: [], checkingMs: [], auditMs: [], generationMs: [] };
for (let i = 0; i < WARM_UP + QUESTIONS; i += 1) {
  const answer = await answerQuestion(deps, { question: questions[i % questions.length] as string, scenarioId: "B", userId: user.id, source: "console" });
  if (i < WARM_UP) continue;
  overhead.push(answer.latency.totalMs - answer.latency.generationMs);
  for (const key of Object.keys(stages)) stages[key]?.push(answer.latency[key as keyof typeof answer.latency]);
}
await ollama.close();
await db.$disconnect();
rmSync(work, { recursive: true, force: true });

const summary = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95), max: sorted.at(-1) };
};
const rows = { "overhead (total - generation)": summary(overhead), ...Object.fromEntries(Object.entries(stages).map(([key, values]) => [key, summary(values)])) };
console.table(rows);
const p95 = rows["overhead (total - generation)"].p95;
console.log(`Agent overhead p95 ${p95} ms ${p95 <= TARGET_P95_MS ? "meets" : "MISSES"} the ${TARGET_P95_MS} ms target (${QUESTIONS} questions, ${store.passages.length} passages, hybrid retrieval).`);
mkdirSync("bench/results", { recursive: true });
writeFileSync("bench/results/agent-overhead.json", `${JSON.stringify({ measuredAt: new Date().toISOString(), questions: QUESTIONS, passages: store.passages.length, rows }, null, 2)}\n`);
