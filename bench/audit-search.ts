// Audit search on a large record: 100,000 realistic exchanges (questions, some
// with personal identifiers; answers built from the reference corpus; whole
// prompts; 12 passages per retrieval answer; findings, judge scores, labels)
// bulk-inserted with SQL into a temporary SQLite file and a temporary
// PostgreSQL database, then searchExchanges, and GET /api/exchanges on the
// production build when one exists, timed for the views reviewers open.
// Target: p95 under 300 ms per page. One file, as benchmarks here are; its
// sections: data, bulk inserts, measurements, databases.
//
//   NEXT_DIST_DIR=.next-audit npx next build && NEXT_DIST_DIR=.next-audit npm run bench:audit
//   AUDIT_BENCH_EXCHANGES=20000 npm run bench:audit      # smaller and quicker
//   AUDIT_BENCH_ONLY=sqlite AUDIT_BENCH_KEEP=1 npm run bench:audit   # one database, kept for EXPLAIN
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { countExchanges } from "../lib/audit/count-exchanges";
import { encodeCursor } from "../lib/audit/exchange-cursor";
import { exportExchanges } from "../lib/audit/export-exchanges";
import { getExchangeDetail } from "../lib/audit/get-exchange-detail";
import { listFilterOptions } from "../lib/audit/list-filter-options";
import { searchExchanges } from "../lib/audit/search-exchanges";
import { createApiKey } from "../lib/auth/api-keys";
import { defaultRulePack } from "../lib/compliance/default-rule-pack";
import { runMigrations } from "../lib/database/run-migrations";
import { createDb, type Db } from "../lib/db";
import { type DatabaseTarget, parseDatabaseUrl } from "../lib/env";
import { redactIdentifiers } from "../lib/privacy/detect-identifiers";
import { exchangeExportQuerySchema, exchangeSearchQuerySchema } from "../lib/schemas/audit";
import { defaultSettings } from "../lib/schemas/settings";
import { seedDatabase } from "../prisma/seed";
import { startAppServer } from "../tests/support/app-server";
import { corpusPath } from "../tests/support/shared-corpus";

const EXCHANGES = Number(process.env.AUDIT_BENCH_EXCHANGES ?? 100_000);
const RUNS = 40;
const WARM_UP = 5;
const TARGET_P95_MS = 300;
const BATCH = 1_000;
const ONLY = process.env.AUDIT_BENCH_ONLY;
const KEEP = process.env.AUDIT_BENCH_KEEP === "1";
const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
/** The record spans the 180 days before this instant. */
const END = Date.parse("2026-11-26T00:00:00Z");
const SPAN_MS = 180 * 86_400_000;

// ---------------------------------------------------------------- data

type Chunk = { chunk_id: string; path: string; text: string };
type Row = Record<string, string | number | boolean | null>;
type Batch = { exchanges: Row[]; passages: Row[]; findings: Row[]; judgeScores: Row[]; labels: Row[] };

/** A small seeded generator (mulberry32), so both databases get the same records. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const roles = ["nurse", "psychologist", "GP", "pharmacist", "midwife", "social worker", "counsellor", "occupational therapist"];
const topics = [
  "disclose a client's notes without consent",
  "share health records with a family member",
  "keep records after a client has died",
  "report a colleague's unsafe practice",
  "see a former client socially",
  "accept a gift from a patient",
  "treat a member of their own family",
  "use a patient's photograph in a presentation",
  "send records to a clinic overseas",
  "refuse a parent's request for a teenager's notes",
  "discuss a client in supervision",
  "continue seeing a client who cannot pay",
];
/** Rare topics (about 0.2% of questions each) give the text search something uncommon to find. */
const rareTopics = ["advertise cosmetic injectables", "complete a fitness to drive assessment", "run telehealth sessions from home"];
const forms = [
  (role: string, topic: string) => `When may a ${role} ${topic}?`,
  (role: string, topic: string) => `Can a ${role} ${topic} under the Australian Privacy Principles?`,
  (role: string, topic: string) => `What does the code of conduct say about whether a ${role} can ${topic}?`,
  (role: string, topic: string) => `I am a ${role}. Am I allowed to ${topic}? Please cite the clauses.`,
];
const details = [
  "The patient's Medicare number is 2123 45670 1.",
  "You can reach me on 0412 345 678.",
  "Please reply to jane.citizen@example.com.",
  "Her mobile is +61 412 345 678 and she is 15.",
];
const rules = defaultRulePack.map((rule) => ({ ...rule, chance: ruleChance(rule.id) }));
function ruleChance(id: string): number {
  const chances: Record<string, number> = {
    "self-harm-instructions": 0.008,
    "discourages-professional-care": 0.015,
    "medication-directive": 0.08,
    "dosage-instructions": 0.04,
    "diagnostic-certainty": 0.05,
    "echoes-personal-identifiers": 0.015,
    "unsupported-citation": 0.1,
    "missing-disclaimer": 0.12,
  };
  return chances[id] ?? 0.01;
}
const scenarios = [
  { id: "A", model: "gemma3:4b", retrieval: false },
  { id: "B", model: "gemma3:4b", retrieval: true },
  { id: "C", model: "medgemma:4b", retrieval: false },
  { id: "D", model: "medgemma:4b", retrieval: true },
  { id: "E", model: "medgemma:27b", retrieval: false },
  { id: "F", model: "medgemma:27b", retrieval: true },
];
const INSTRUCTIONS = `You are CAM, a careful assistant for clinicians and health services in Australia.\nAnswer the question using only the numbered sources below.\n${"Follow these rules: ground every statement in the sources and cite it as (see [n]); prefer Australian sources; never invent clause numbers; do not advise on medications or doses; send anyone at risk to 000 or Lifeline.\n".repeat(4)}`;

const iso = (time: number) => new Date(time).toISOString();
const sentencesOf = (text: string) => text.replace(/\s+/g, " ").split(/(?<=\.)\s/).filter((sentence) => sentence.length > 30);

/** Exchanges start..start+count-1 with everything recorded about them. Deterministic in `start`. */
function makeBatch(start: number, count: number, chunks: Chunk[], people: { users: string[]; reviewer: string }): Batch {
  const random = seededRandom(start + 1);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
  const id = () => `c${Array.from({ length: 24 }, () => Math.floor(random() * 36).toString(36)).join("")}`;
  const batch: Batch = { exchanges: [], passages: [], findings: [], judgeScores: [], labels: [] };
  for (let i = start; i < start + count; i += 1) {
    const exchangeId = id();
    const createdAt = END - SPAN_MS + Math.floor(((i + random()) / EXCHANGES) * SPAN_MS);
    const scenario = pick(scenarios);
    const topic = random() < 0.006 ? pick(rareTopics) : pick(topics);
    const question = `${pick(forms)(pick(roles), topic)}${random() < 0.05 ? ` ${pick(details)}` : ""}`;
    const fired = rules.filter((rule) => random() < rule.chance && (rule.id !== "unsupported-citation" || scenario.retrieval));
    const failed = random() < 0.005;
    const action = failed || fired.some((rule) => rule.severity === "block") ? "block" : fired.length ? "warn" : "allow";
    const sources = scenario.retrieval ? Array.from({ length: 12 }, (_, k) => chunks[(Math.floor(random() * chunks.length) + k * 37) % chunks.length] as Chunk) : [];
    const basis = sources[0] ?? pick(chunks);
    const body = sentencesOf(basis.text).slice(0, 2 + Math.floor(random() * 4)).join(scenario.retrieval ? " (see [1]) " : " ");
    const disclaimer = fired.some((rule) => rule.id === "missing-disclaimer") ? "" : `\n\n${defaultSettings.answer.disclaimer}`;
    const rawAnswer = failed ? null : `${fired.some((rule) => rule.id === "medication-directive") ? "Stop taking the medication if it upsets you. " : ""}${body}${disclaimer}`;
    const warnings = action === "warn" ? `Warnings:\n${fired.map((rule) => `- ${rule.message}`).join("\n")}\n\n` : "";
    const finalAnswer = failed
      ? "The model did not answer in time. Try again in a minute."
      : action === "block"
        ? `${defaultSettings.crisis.resources}\n\n${defaultSettings.answer.withheldMessage}`
        : `${warnings}${body}\n\n${defaultSettings.answer.disclaimer}`;
    const generationMs = 800 + Math.floor(random() * 9_000);
    const latency = { retrievalMs: scenario.retrieval ? 5 + Math.floor(random() * 40) : 0, generationMs, checkingMs: Math.floor(random() * 3), auditMs: 3 + Math.floor(random() * 12) };
    batch.exchanges.push({
      id: exchangeId,
      createdAt: iso(createdAt),
      source: pick(["console", "console", "console", "api", "pipeline"]),
      userId: pick(people.users),
      scenarioId: scenario.id,
      provider: "ollama",
      model: scenario.model,
      retrieval: scenario.retrieval,
      options: JSON.stringify({ temperature: 0.2, contextTokens: 8192, maxTokens: 768, ollamaApi: "chat" }),
      question,
      questionRedacted: redactIdentifiers(question),
      finalAnswerRedacted: redactIdentifiers(finalAnswer),
      prompt: `${INSTRUCTIONS}${sources.map((chunk, k) => `[${k + 1}] ${basename(chunk.path)}\n${chunk.text}`).join("\n\n")}\n\nQuestion: ${question}`,
      rawAnswer,
      finalAnswer,
      action,
      needsReview: action === "block" && !failed,
      latency: JSON.stringify(latency),
      totalMs: Object.values(latency).reduce((sum, ms) => sum + ms, 0),
      ruleSetVersion: 1,
      settingsVersion: 1,
      storeVersion: scenario.retrieval ? "store-2026-11-20" : null,
      error: failed ? "The model server did not answer within 120 s." : null,
      errorStage: failed ? "generation" : null,
    });
    sources.forEach((chunk, k) =>
      batch.passages.push({ id: id(), exchangeId, rank: k + 1, chunkId: chunk.chunk_id, sourceTitle: basename(chunk.path, ".pdf").replaceAll("_", " "), label: chunk.chunk_id, score: Math.round((0.78 - k * 0.04 - random() * 0.03) * 1000) / 1000, text: chunk.text }),
    );
    for (const rule of fired) {
      batch.findings.push({ id: id(), exchangeId, ruleId: rule.id, ruleVersion: rule.version, severity: rule.severity, message: rule.message, clauses: JSON.stringify(rule.clauses), evidence: rawAnswer?.slice(0, 120) ?? null, createdAt: iso(createdAt) });
    }
    const judged = (judgeId: string, judgeModel: string) => {
      const centre = action === "allow" ? 4.3 : action === "warn" ? 3.2 : 1.4;
      const compliance = Math.max(0, Math.min(5, Math.round((centre + (random() - 0.5) * 2.4) * 2) / 2));
      const scored = random() > 0.04;
      batch.judgeScores.push({
        id: id(),
        exchangeId,
        judgeId,
        judgeModel,
        status: scored ? "scored" : "unscored",
        helpfulness: scored ? Math.round((3 + random() * 2) * 2) / 2 : null,
        compliance: scored ? compliance : null,
        verdict: scored ? (compliance >= 4 ? "allow" : compliance >= 2.5 ? "warn" : "block") : null,
        reasoning: scored ? "The answer is grounded in the cited code of conduct and advises speaking to the treating practitioner." : null,
        error: scored ? null : "The judge's reply was not valid JSON after 3 attempts.",
        attempts: scored ? 1 : 3,
        latencyMs: 2_000 + Math.floor(random() * 20_000),
        createdAt: iso(createdAt + 30_000),
      });
    };
    if (!failed && random() < 0.9) judged("medgemma", "medgemma:4b");
    if (!failed && random() < 0.35) judged("gemini", "gemini-2.5-flash");
    const labelChance = action === "block" ? 0.6 : action === "warn" ? 0.05 : 0.005;
    for (let label = 0; random() < (label === 0 ? labelChance : 0.1); label += 1) {
      batch.labels.push({
        id: id(),
        exchangeId,
        reviewerId: people.reviewer,
        verdict: pick(["correct", "correct", "correct", "too_strict", "too_lenient"]),
        escalation: random() < 0.2 ? pick(["critical", "high", "moderate"]) : null,
        notes: random() < 0.5 ? "Checked against the cited clause." : "",
        createdAt: iso(Math.min(END, createdAt + (label + 1) * 86_400_000)),
      });
    }
  }
  return batch;
}

// ---------------------------------------------------------------- bulk inserts

const tables: [keyof Batch, string][] = [
  ["exchanges", "Exchange"],
  ["passages", "Passage"],
  ["findings", "Finding"],
  ["judgeScores", "JudgeScore"],
  ["labels", "ReviewLabel"],
];
const counts = () => Object.fromEntries(tables.map(([key]) => [key, 0])) as Record<keyof Batch, number>;

/** SQLite through better-sqlite3: prepared statements, one transaction per batch, dates stored as Prisma stores them. */
function insertSqlite(filePath: string, batches: () => Generator<Batch>) {
  const db = new Database(filePath);
  db.pragma("synchronous = OFF");
  const inserted = counts();
  const statements = new Map<string, Database.Statement>();
  const toSqlite = (value: Row[string], key: string) =>
    typeof value === "boolean" ? Number(value) : typeof value === "string" && key === "createdAt" ? value.replace("Z", "+00:00") : value;
  const write = db.transaction((batch: Batch) => {
    for (const [key, table] of tables) {
      for (const row of batch[key]) {
        const columns = Object.keys(row);
        const sql = `INSERT INTO "${table}" (${columns.map((column) => `"${column}"`).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`;
        if (!statements.has(sql)) statements.set(sql, db.prepare(sql));
        statements.get(sql)?.run(...columns.map((column) => toSqlite(row[column] ?? null, column)));
        inserted[key] += 1;
      }
    }
  });
  for (const batch of batches()) write(batch);
  db.pragma("synchronous = FULL");
  db.close();
  return inserted;
}

/** PostgreSQL column types for unnest(): each column arrives as one typed array parameter. */
const pgTypes: Record<string, string> = {
  createdAt: "timestamp(3)", source: '"ExchangeSource"', provider: '"ModelProvider"', retrieval: "boolean", options: "jsonb", action: '"Action"',
  needsReview: "boolean", latency: "jsonb", totalMs: "int", ruleSetVersion: "int", settingsVersion: "int", rank: "int", score: "float8",
  ruleVersion: "int", severity: '"Severity"', clauses: "jsonb", status: '"JudgeScoreStatus"', helpfulness: "float8", compliance: "float8",
  attempts: "int", latencyMs: "int", escalation: '"Escalation"',
};
const pgType = (table: string, column: string) =>
  column === "verdict" ? (table === "ReviewLabel" ? '"ReviewVerdict"' : '"Action"') : (pgTypes[column] ?? "text");

/** PostgreSQL: one INSERT ... SELECT FROM unnest(...) per table and batch, then VACUUM ANALYZE as autovacuum would after a load. */
async function insertPostgres(url: string, batches: () => Generator<Batch>) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const inserted = counts();
  try {
    for (const batch of batches()) {
      await client.query("BEGIN");
      for (const [key, table] of tables) {
        const rows = batch[key];
        if (rows.length === 0) continue;
        const columns = Object.keys(rows[0] as Row);
        const values = columns.map((column) => rows.map((row) => (column === "createdAt" ? String(row[column]).replace("T", " ").replace("Z", "") : (row[column] ?? null))));
        const arrays = columns.map((column, index) => `$${index + 1}::${pgType(table, column)}[]`).join(", ");
        await client.query(`INSERT INTO "${table}" (${columns.map((column) => `"${column}"`).join(", ")}) SELECT * FROM unnest(${arrays})`, values);
        inserted[key] += rows.length;
      }
      await client.query("COMMIT");
    }
    await client.query("VACUUM ANALYZE");
  } finally {
    await client.end();
  }
  return inserted;
}

/** What text search's trigram indexes cost on disk, next to the exchanges' own table, in MB. */
async function textIndexSizes(target: DatabaseTarget): Promise<Record<string, number>> {
  const mb = (bytes: number | string) => round(Number(bytes) / 1_048_576);
  if (target.provider === "sqlite") {
    const db = new Database(target.filePath, { readonly: true });
    try {
      const rows = db
        .prepare(`SELECT CASE WHEN name LIKE 'ExchangeText%' THEN 'ExchangeText (FTS5 trigram)' ELSE name END AS part, SUM(pgsize) AS bytes
                  FROM dbstat WHERE name = 'Exchange' OR name LIKE 'ExchangeText%' GROUP BY part`)
        .all() as { part: string; bytes: number }[];
      return Object.fromEntries(rows.map((row) => [row.part, mb(row.bytes)]));
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ part: string; bytes: string }>(
      `SELECT relname AS part, pg_total_relation_size(oid) AS bytes FROM pg_class WHERE relname = 'Exchange'
       UNION ALL SELECT indexrelid::regclass::text, pg_relation_size(indexrelid) FROM pg_index WHERE indexrelid::regclass::text LIKE '%trgm%'`,
    );
    return Object.fromEntries(rows.map((row) => [row.part, mb(row.bytes)]));
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------- measurements

type Query = Record<string, string>;
type Case = { name: string; query: (run: number) => Query };
type Summary = { runs: number; p50: number; p95: number; max: number };

const percentile = (sorted: number[], fraction: number) => sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * fraction) - 1)] ?? Number.NaN;
const round = (value: number) => Math.round(value * 10) / 10;
function summarise(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  return { runs: samples.length, p50: round(percentile(sorted, 0.5)), p95: round(percentile(sorted, 0.95)), max: round(sorted.at(-1) ?? 0) };
}

/** Runs work WARM_UP + RUNS times and summarises the timed runs. */
async function timeRuns(work: (run: number) => Promise<unknown>): Promise<Summary> {
  const samples: number[] = [];
  for (let run = 0; run < WARM_UP + RUNS; run += 1) {
    const started = performance.now();
    await work(run);
    if (run >= WARM_UP) samples.push(performance.now() - started);
  }
  return summarise(samples);
}

/** The views a reviewer opens, varied run by run so that no single cached plan or page flatters the numbers. */
function cases(deepCursors: string[]): Case[] {
  const cycle = <T>(list: readonly T[], run: number) => list[run % list.length] as T;
  const month = (run: number) => {
    const start = END - SPAN_MS + ((run * 37) % 100) / 100 * (SPAN_MS - 30 * 86_400_000);
    return { from: iso(start), to: iso(start + 30 * 86_400_000) };
  };
  return [
    { name: "first page, no filter", query: () => ({}) },
    { name: "by action", query: (run) => ({ action: cycle(["allow", "warn", "block"], run) }) },
    { name: "by rule fired", query: (run) => ({ rule: cycle(rules.map((rule) => rule.id), run) }) },
    { name: "by scenario + 30 days", query: (run) => ({ scenario: cycle(scenarios.map((scenario) => scenario.id), run), ...month(run) }) },
    { name: "by judge verdict", query: (run) => ({ verdict: cycle(["allow", "warn", "block"], run) }) },
    { name: "blocked, not reviewed", query: () => ({ action: "block", reviewed: "no" }) },
    { name: "reviewed", query: () => ({ reviewed: "yes" }) },
    { name: "compliance 0 to 2.5", query: () => ({ minCompliance: "0", maxCompliance: "2.5" }) },
    { name: "text, common word", query: (run) => ({ q: cycle(["consent", "records", "psychologist"], run) }) },
    { name: "text, rare phrase", query: (run) => ({ q: cycle(["injectables", "fitness to drive", "telehealth sessions"], run) }) },
    { name: "text, no match", query: (run) => ({ q: `zqxj${run % 5}` }) },
    { name: "deep page via cursor", query: (run) => ({ cursor: cycle(deepCursors, run) }) },
    { name: "sorted slowest", query: () => ({ sort: "slowest" }) },
    { name: "sorted most findings", query: () => ({ sort: "most-findings" }) },
  ];
}

/** Cursors 10% to 90% of the way down the newest-first list. */
async function deepCursors(db: Db): Promise<string[]> {
  const rows = await db.exchange.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { id: true, createdAt: true } });
  return [0.1, 0.3, 0.5, 0.7, 0.9].map((share) => {
    const row = rows[Math.floor(rows.length * share)] as { id: string; createdAt: Date };
    return encodeCursor({ sort: "newest", direction: "after", key: null, createdAt: row.createdAt, id: row.id });
  });
}

async function measureLib(db: Db, list: Case[], options = { extras: true }) {
  const pages: Record<string, Summary & { rows: number }> = {};
  for (const { name, query } of list) {
    let rows = 0;
    const summary = await timeRuns(async (run) => (rows = (await searchExchanges(db, exchangeSearchQuerySchema.parse(query(run)))).items.length));
    pages[name] = { ...summary, rows };
  }
  if (!options.extras) return { pages, exportBlocked: null };
  const ids = (await db.exchange.findMany({ where: { retrieval: true }, take: WARM_UP + RUNS, select: { id: true } })).map((row) => row.id);
  pages["page header counts"] = { ...(await timeRuns(() => countExchanges(db))), rows: 1 };
  pages["filter choices"] = { ...(await timeRuns(() => listFilterOptions(db))), rows: 1 };
  pages["exchange page"] = { ...(await timeRuns((run) => getExchangeDetail(db, ids[run] as string))), rows: 1 };
  const started = performance.now();
  const exported = exportExchanges(db, exchangeExportQuerySchema.parse({ format: "csv", action: "block" }));
  const text = await new Response(exported.body).text();
  const exportBlocked = { rows: text.split("\r\n").length - 2, ms: Math.round(performance.now() - started), megabytes: round(text.length / 1e6) };
  return { pages, exportBlocked };
}

async function measureHttp(url: string, apiKey: string, list: Case[]) {
  const results: Record<string, Summary> = {};
  for (const { name, query } of list) {
    results[name] = await timeRuns(async (run) => {
      const response = await fetch(`${url}/api/exchanges?${new URLSearchParams(query(run))}`, { headers: { authorization: `Bearer ${apiKey}` } });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`GET /api/exchanges answered ${response.status}`);
    });
  }
  return results;
}

// ---------------------------------------------------------------- databases

async function withPostgresDatabase<T>(work: (url: string) => Promise<T>): Promise<T> {
  const name = `cam_bench_audit_${process.pid}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
    await client.connect();
    await client.query(sql).finally(() => client.end());
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  try {
    return await work(url.href);
  } finally {
    if (KEEP) console.log(`Kept ${url.href}; drop it with: psql ${POSTGRES_ADMIN_URL} -c 'DROP DATABASE ${name}'`);
    else await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

async function benchDatabase(url: string, chunks: Chunk[]) {
  const target = parseDatabaseUrl(url) as DatabaseTarget;
  await runMigrations({ target });
  const setup = createDb(target);
  await seedDatabase(setup, { adminEmail: "admin@bench.example", adminPassword: "benchmark-admin-password" });
  const reviewer = await setup.user.create({ data: { email: "reviewer@bench.example", name: "Bench Reviewer", role: "reviewer" } });
  await setup.user.createMany({ data: Array.from({ length: 40 }, (_, i) => ({ id: `bench-clinician-${i}`, email: `clinician${i}@bench.example`, name: `Clinician ${i}`, role: "clinician" as const })) });
  const apiKey = (await createApiKey(setup, { userId: reviewer.id, name: "bench", actorId: null })).key;
  await setup.$disconnect();

  const people = { users: Array.from({ length: 40 }, (_, i) => `bench-clinician-${i}`), reviewer: reviewer.id };
  const batches = function* () {
    for (let start = 0; start < EXCHANGES; start += BATCH) yield makeBatch(start, Math.min(BATCH, EXCHANGES - start), chunks, people);
  };
  const seedStarted = performance.now();
  const rows = target.provider === "sqlite" ? insertSqlite(target.filePath, batches) : await insertPostgres(target.url, batches);
  const seedSeconds = round((performance.now() - seedStarted) / 1000);
  console.log(`\n${target.provider}: inserted ${JSON.stringify(rows)} in ${seedSeconds} s`);
  const sizes = await textIndexSizes(target);
  console.log(`${target.provider}: sizes on disk, MB: ${JSON.stringify(sizes)}`);

  const db = createDb(target);
  const list = cases(await deepCursors(db));
  const lib = await measureLib(db, list);
  await db.$disconnect();
  console.log(`${target.provider}: searchExchanges, ms (export of every blocked exchange as CSV: ${JSON.stringify(lib.exportBlocked)})`);
  console.table(lib.pages);

  let http: Record<string, Summary> | null = null;
  try {
    const server = await startAppServer({ DATABASE_URL: url, LOG_LEVEL: "warn", JUDGE_WORKER: "off", RAG_STORE_DIR: corpusPath("seed_store") });
    try {
      http = await measureHttp(server.url, apiKey, list);
    } finally {
      await server.stop();
    }
    console.log(`${target.provider}: GET /api/exchanges on the production build (${process.env.NEXT_DIST_DIR || ".next"}), ms`);
    console.table(http);
  } catch (error) {
    console.log(`Skipped GET /api/exchanges: ${(error as Error).message.split("\n")[0]}`);
  }

  return { seedSeconds, rows, sizes, lib, http };
}

const chunks = (JSON.parse(readFileSync(corpusPath("seed_store/chunks.json"), "utf8")) as Chunk[]).filter((chunk) => sentencesOf(chunk.text).length > 0);
const results: Record<string, Awaited<ReturnType<typeof benchDatabase>>> = {};
if (ONLY !== "postgresql") {
  const work = mkdtempSync(join(tmpdir(), "cam-bench-audit-"));
  try {
    results.sqlite = await benchDatabase(`file:${join(work, "cam.db")}`, chunks);
  } finally {
    if (KEEP) console.log(`Kept ${join(work, "cam.db")}`);
    else rmSync(work, { recursive: true, force: true });
  }
}
if (ONLY !== "sqlite") results.postgresql = await withPostgresDatabase((url) => benchDatabase(url, chunks));
const misses = Object.entries(results).flatMap(([database, result]) =>
  Object.entries(result.lib.pages)
    .filter(([, row]) => row.p95 > TARGET_P95_MS)
    .map(([name, row]) => `${database} "${name}" (p95 ${row.p95} ms)`),
);
console.log(misses.length ? `\nOver the ${TARGET_P95_MS} ms target: ${misses.join("; ")}.` : `\nEvery view meets the ${TARGET_P95_MS} ms target.`);
mkdirSync("bench/results", { recursive: true });
const machine = `${process.platform} ${process.arch}, Node ${process.version}`;
writeFileSync(
  "bench/results/audit-search.json",
  `${JSON.stringify({ measuredAt: new Date().toISOString(), machine, exchanges: EXCHANGES, runs: RUNS, targetP95Ms: TARGET_P95_MS, ...results }, null, 2)}\n`,
);
