// Measures GET /api/health on the production build: p50, p95 and max latency,
// sequentially and with concurrent clients, on SQLite with the seed store.
// Target: p95 under 100 ms when the database is up.
//
//   npm run build && npm run bench:health
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { prepareDatabase, startAppServer } from "../tests/support/app-server";
import { corpusPath } from "../tests/support/shared-corpus";

const SEQUENTIAL = 500;
const CONCURRENT_CLIENTS = 10;
const PER_CLIENT = 100;
const TARGET_P95_MS = 100;

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * fraction) - 1)] ?? Number.NaN;
}

function summarise(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (value: number) => Math.round(value * 10) / 10;
  return { requests: samples.length, p50: round(percentile(sorted, 0.5)), p95: round(percentile(sorted, 0.95)), max: round(sorted.at(-1) ?? 0) };
}

async function timeRequest(url: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(url);
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`health answered ${response.status}`);
  return performance.now() - started;
}

const dir = mkdtempSync(join(tmpdir(), "cam-bench-"));
const env = {
  DATABASE_URL: `file:${join(dir, "cam.db")}`,
  CAM_ADMIN_PASSWORD: "benchmark-admin-password",
  RAG_STORE_DIR: corpusPath("seed_store"),
  LOG_LEVEL: "warn",
};
await prepareDatabase(env);
const server = await startAppServer(env);
try {
  const url = `${server.url}/api/health`;
  for (let i = 0; i < 50; i += 1) await timeRequest(url); // warm-up: route compilation, connection, probe cache

  const sequential: number[] = [];
  for (let i = 0; i < SEQUENTIAL; i += 1) sequential.push(await timeRequest(url));

  const concurrent: number[] = [];
  await Promise.all(
    Array.from({ length: CONCURRENT_CLIENTS }, async () => {
      for (let i = 0; i < PER_CLIENT; i += 1) concurrent.push(await timeRequest(url));
    }),
  );

  const result = {
    measuredAt: new Date().toISOString(),
    machine: `${process.platform} ${process.arch}, Node ${process.version}`,
    database: "sqlite",
    sequential: summarise(sequential),
    concurrent: { clients: CONCURRENT_CLIENTS, ...summarise(concurrent) },
    targetP95Ms: TARGET_P95_MS,
  };
  console.table({ sequential: result.sequential, [`${CONCURRENT_CLIENTS} concurrent clients`]: result.concurrent });
  const verdict = result.sequential.p95 <= TARGET_P95_MS ? "meets" : "MISSES";
  console.log(`Sequential p95 ${result.sequential.p95} ms ${verdict} the ${TARGET_P95_MS} ms target.`);
  mkdirSync("bench/results", { recursive: true });
  writeFileSync("bench/results/health-latency.json", `${JSON.stringify(result, null, 2)}\n`);
} finally {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
