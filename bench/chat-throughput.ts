// Throughput of POST /api/chat on the production build under concurrent load
// (autocannon), next to two trivial routes in the same run: /api/ping (no
// database) and /v1/models (API-key authentication and one query). SQLite,
// the reference corpus store with hybrid retrieval, a fake Ollama answering at
// once. Target: chat throughput at least 40% of the trivial route's.
//
//   npm run build && npm run bench:chat
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { createDb } from "../lib/db";
import { type DatabaseTarget, parseDatabaseUrl } from "../lib/env";
import { buildStore } from "../lib/pipeline/build-store";
import { readSourceCatalogue } from "../lib/pipeline/source-catalogue";
import { createOllamaEmbedder } from "../lib/retrieval/embeddings";
import { startFakeOllama } from "../tests/fakes/fake-ollama-server";
import { prepareDatabase, startAppServer } from "../tests/support/app-server";
import { runCli } from "../tests/support/run-cli";
import { corpusPath } from "../tests/support/shared-corpus";

const CONNECTIONS = 10;
const SECONDS = 15;
const TARGET_SHARE = 0.4;

const work = mkdtempSync(join(tmpdir(), "cam-bench-chat-"));
const ollama = await startFakeOllama({ script: () => "Nurses must seek consent before disclosing information (see [1])." });
const catalogue = readSourceCatalogue("health_docs/sources.tsv");
await buildStore({
  docsDir: corpusPath("health_docs"),
  storeDir: join(work, "store"),
  catalogue,
  embedder: createOllamaEmbedder({ host: ollama.url }),
  chunking: { chunkWords: 280, overlapWords: 60 },
});
const env = {
  DATABASE_URL: `file:${join(work, "cam.db")}`,
  CAM_ADMIN_EMAIL: "admin@bench.example",
  CAM_ADMIN_PASSWORD: "benchmark-admin-password",
  OLLAMA_HOST: ollama.url,
  RAG_STORE_DIR: join(work, "store"),
  VECTOR_BACKEND: "builtin",
  LOG_LEVEL: "warn",
};
await prepareDatabase(env);
// The load generator asks far more than a person may; lift the per-user limit for this database only.
const db = createDb(parseDatabaseUrl(env.DATABASE_URL) as DatabaseTarget);
const active = await db.settingsVersion.findFirstOrThrow({ where: { status: "active" } });
await db.settingsVersion.update({ where: { version: active.version }, data: { status: "superseded" } });
await db.settingsVersion.create({ data: { status: "active", values: { ...(active.values as object), limits: { chatRequestsPerMinute: 10_000 } } } });
await db.$disconnect();
const apiKey = /(cam_[\w-]+)/.exec((await runCli(["users", "api-key", "create", "--email", env.CAM_ADMIN_EMAIL, "--name", "bench"], { env })).stdout)?.[1];

const server = await startAppServer(env);
const load = (title: string, path: string, options: Partial<autocannon.Options> = {}) =>
  autocannon({ url: `${server.url}${path}`, connections: CONNECTIONS, duration: SECONDS, title, ...options });
try {
  const auth = { authorization: `Bearer ${apiKey}` };
  const chatBody = JSON.stringify({ question: "When may a nurse disclose information without consent?", scenarioId: "B" });
  const chat = { method: "POST" as const, headers: { ...auth, "content-type": "application/json" }, body: chatBody };
  await load("warm-up", "/api/chat", { ...chat, duration: 3 });
  const results = {
    chat: await load("POST /api/chat", "/api/chat", chat),
    ping: await load("GET /api/ping", "/api/ping"),
    models: await load("GET /v1/models", "/v1/models", { headers: auth }),
  };
  const rows = Object.fromEntries(
    Object.entries(results).map(([name, result]) => [
      name,
      { "req/s": Math.round(result.requests.average), "p50 ms": result.latency.p50, "p97.5 ms": result.latency.p97_5, errors: result.errors + result.non2xx },
    ]),
  );
  console.table(rows);
  const share = (trivial: "ping" | "models") => results.chat.requests.average / results[trivial].requests.average;
  console.log(
    `Chat throughput is ${(share("models") * 100).toFixed(0)}% of /v1/models and ${(share("ping") * 100).toFixed(0)}% of /api/ping ` +
      `(target ${TARGET_SHARE * 100}%); ${CONNECTIONS} connections, ${SECONDS} s each.`,
  );
  mkdirSync("bench/results", { recursive: true });
  writeFileSync("bench/results/chat-throughput.json", `${JSON.stringify({ measuredAt: new Date().toISOString(), connections: CONNECTIONS, seconds: SECONDS, rows }, null, 2)}\n`);
} finally {
  await server.stop();
  await ollama.close();
  rmSync(work, { recursive: true, force: true });
}
