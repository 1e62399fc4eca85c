// Load test of POST /api/chat on the production build: 50 clients asking at
// once for 20 s (SQLite, the seed store, keyword retrieval, a fake Ollama that
// answers at once), recording throughput and latency, then checking that every
// answer a client received has its complete audit record. A second run kills
// the server with SIGKILL halfway, restarts it on the same database, and checks
// the same, and that the audit chain still verifies.
//
//   npm run build && npm run bench:load
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDb } from "../lib/db";
import { type DatabaseTarget, parseDatabaseUrl } from "../lib/env";
import { generateKeyEntry } from "../lib/privacy/encryption-keys";
import { startFakeOllama } from "../tests/fakes/fake-ollama-server";
import { activateSettings } from "../tests/support/activate-settings";
import { type AppServer, prepareDatabase, startAppServer } from "../tests/support/app-server";
import { runCli } from "../tests/support/run-cli";
import { corpusPath } from "../tests/support/shared-corpus";

const CLIENTS = 50;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);

type Outcome = { answered: string[]; failed: number; firstFailure?: string; latenciesMs: number[]; seconds: number };

/** `CLIENTS` loops asking one question after another until `seconds` pass (or the server goes away). */
async function runLoad(server: AppServer, apiKey: string, seconds: number, onHalfway?: () => void): Promise<Outcome> {
  const outcome: Outcome = { answered: [], failed: 0, latenciesMs: [], seconds };
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let halfwayDone = false;
  const client = async (id: number) => {
    for (let n = 0; performance.now() < deadline; n += 1) {
      if (!halfwayDone && onHalfway && performance.now() > started + (seconds * 1000) / 2) {
        halfwayDone = true;
        onHalfway();
      }
      const sent = performance.now();
      try {
        const response = await fetch(`${server.url}/api/chat`, {
          method: "POST",
          headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
          body: JSON.stringify({ question: `Client ${id}, question ${n}: when may a nurse share a person's information?`, scenarioId: "B" }),
        });
        const body = (await response.json()) as { exchangeId?: string };
        if (response.ok && body.exchangeId) {
          outcome.answered.push(body.exchangeId);
          outcome.latenciesMs.push(performance.now() - sent);
        } else {
          outcome.failed += 1;
          outcome.firstFailure ??= `HTTP ${response.status}: ${JSON.stringify(body).slice(0, 200)}`;
        }
      } catch (error) {
        outcome.failed += 1;
        outcome.firstFailure ??= (error as Error).message;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, (_, id) => client(id)));
  return outcome;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!) : 0;
};

/** Answers whose audit record is missing or incomplete (no passages for a retrieval scenario). */
async function missingRecords(databaseUrl: string, ids: string[]): Promise<string[]> {
  const db = createDb(parseDatabaseUrl(databaseUrl) as DatabaseTarget);
  try {
    const found = await db.exchange.findMany({ where: { id: { in: ids } }, select: { id: true, _count: { select: { passages: true } } } });
    const complete = new Set(found.filter((row) => row._count.passages > 0).map((row) => row.id));
    return ids.filter((id) => !complete.has(id));
  } finally {
    await db.$disconnect();
  }
}

const work = mkdtempSync(join(tmpdir(), "cam-bench-load-"));
const ollama = await startFakeOllama({ script: () => "Nurses must seek consent before disclosing information (see [1])." });
// One key file for the server and the CLI that verifies the chain afterwards.
writeFileSync(join(work, "encryption.keys"), `${generateKeyEntry()}\n`, { mode: 0o600 });
const env = {
  CAM_ENCRYPTION_KEY_FILE: join(work, "encryption.keys"),
  DATABASE_URL: `file:${join(work, "cam.db")}`,
  CAM_ADMIN_EMAIL: "admin@bench.example",
  CAM_ADMIN_PASSWORD: "benchmark-admin-password",
  OLLAMA_HOST: ollama.url,
  RAG_STORE_DIR: corpusPath("seed_store"),
  EMBEDDING_MODEL: "none",
  JUDGE_WORKER: "off",
  LOG_LEVEL: "warn",
};
await prepareDatabase(env);
// The load generator asks far more than a person may; lift the per-user limit for this database only.
const db = createDb(parseDatabaseUrl(env.DATABASE_URL) as DatabaseTarget);
await activateSettings(db, (values) => ({ ...values, limits: { ...values.limits, chatRequestsPerMinute: 10_000 } }));
await db.$disconnect();
const apiKey = /(cam_[\w-]+)/.exec((await runCli(["users", "api-key", "create", "--email", env.CAM_ADMIN_EMAIL, "--name", "bench"], { env })).stdout)?.[1];
if (!apiKey) throw new Error("Could not create an API key for the load test.");

const results: Record<string, unknown> = { measuredAt: new Date().toISOString(), clients: CLIENTS, seconds: SECONDS };
try {
  let server = await startAppServer(env);
  const steady = await runLoad(server, apiKey, SECONDS);
  const steadyMissing = await missingRecords(env.DATABASE_URL, steady.answered);
  results.steady = {
    "answers/s": Math.round(steady.answered.length / SECONDS),
    "p50 ms": percentile(steady.latenciesMs, 50),
    "p95 ms": percentile(steady.latenciesMs, 95),
    answered: steady.answered.length,
    failed: steady.failed,
    "answers without a complete audit record": steadyMissing.length,
    "first failure": steady.firstFailure ?? "none",
  };

  let killed: Promise<void> | undefined;
  const crash = await runLoad(server, apiKey, SECONDS, () => (killed = server.kill()));
  await killed;
  server = await startAppServer(env);
  const crashMissing = await missingRecords(env.DATABASE_URL, crash.answered);
  const verify = await runCli(["audit", "verify"], { env });
  results.killedHalfway = {
    answered: crash.answered.length,
    "failed (server gone)": crash.failed,
    "answers without a complete audit record": crashMissing.length,
    "audit chain after restart": verify.code === 0 ? "verifies" : verify.stdout.trim(),
  };
  await server.stop();

  console.table({ steady: results.steady });
  console.table({ "killed halfway": results.killedHalfway });
  mkdirSync("bench/results", { recursive: true });
  writeFileSync("bench/results/load-test.json", `${JSON.stringify(results, null, 2)}\n`);
  if (steadyMissing.length || crashMissing.length || verify.code !== 0) process.exitCode = 1;
} finally {
  await ollama.close();
  rmSync(work, { recursive: true, force: true });
}
