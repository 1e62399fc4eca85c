import "server-only";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { type BackendHealth, checkModelBackends } from "@/lib/health/check-model-backends";
import { checkDatabase, type DatabaseHealth } from "@/lib/health/check-database";
import { checkStore, type StoreHealth } from "@/lib/health/check-store";
import { getTransferApprovals } from "@/lib/privacy/transfer-approvals";
import type { OffshoreService } from "@/lib/schemas/transfer-approvals";
import packageJson from "@/package.json";

/** What GET /api/health reports. Contains no secrets: no URLs with credentials, no keys. */
export type HealthReport = {
  /** ok: everything works; degraded: the console works but something is missing or down; down: no database. */
  status: "ok" | "degraded" | "down";
  version: string;
  checkedAt: string;
  /** One sentence per problem, naming what is down and what to do. */
  problems: string[];
  database: DatabaseHealth;
  store: StoreHealth;
  models: BackendHealth[];
  /** Whether questions may go to each model service outside Australia, and since when; null when unknown (database down). */
  offshore: Record<OffshoreService, { allowed: boolean; since: string | null }> | null;
};

/** The offshore decisions in force; unknown (null) when the database cannot say. */
async function checkOffshore(): Promise<HealthReport["offshore"]> {
  try {
    const approvals = await getTransferApprovals(getDb());
    return { gemini: { allowed: approvals.gemini?.enabled ?? false, since: approvals.gemini?.createdAt ?? null } };
  } catch {
    return null;
  }
}

/** Checks the database, the retrieval store and the model servers in parallel. */
export async function checkHealth(): Promise<HealthReport> {
  const config = env();
  const [database, store, models, offshore] = await Promise.all([
    checkDatabase(getDb(), config.DATABASE_URL),
    checkStore(config.RAG_STORE_DIR),
    checkModelBackends(config),
    checkOffshore(),
  ]);
  const problems = [
    database.problem && `Database (${database.provider}) is down: ${database.problem}`,
    store.problem,
    ...models
      .filter((model) => model.status === "down")
      .map((model) => `${modelNames[model.name]} at ${model.endpoint} is unreachable (${model.detail}). ${modelFixes[model.name]}`),
  ].filter((problem): problem is string => Boolean(problem));

  const status = database.status === "down" ? "down" : problems.length > 0 ? "degraded" : "ok";
  return { status, version: packageJson.version, checkedAt: new Date().toISOString(), problems, database, store, models, offshore };
}

const modelNames: Record<BackendHealth["name"], string> = {
  ollama: "Ollama",
  openai: "The OpenAI-compatible server",
  gemini: "Gemini",
};

const modelFixes: Record<BackendHealth["name"], string> = {
  ollama: "Start it with `ollama serve`, or set OLLAMA_HOST to where it runs.",
  openai: "Start the server, or correct OPENAI_BASE_URL.",
  gemini: "Check GEMINI_API_KEY and the network route to Google.",
};
