import "server-only";
import type { Db } from "@/lib/db";
import type { Env } from "@/lib/env";
import { type BackendHealth, checkModelBackends } from "@/lib/health/check-model-backends";
import { checkStore } from "@/lib/health/check-store";
import type { ModelServer, ScenarioList } from "@/lib/schemas/conversations";
import { listScenarios } from "@/lib/scenarios/list-scenarios";

// The scenarios a clinician can ask, each with whether its model server can
// take questions right now and, when not, what is wrong and what to do; and
// whether the retrieval store exists. Fast: the server probes run in the
// background and are cached (lib/health/check-model-backends.ts), and the
// store check only looks at file headers. Callers are authorised.

const serverLabels: Record<BackendHealth["name"], string> = {
  ollama: "Ollama",
  openai: "The OpenAI-compatible server",
  gemini: "Gemini",
};

/** What someone can do (or ask an administrator to do) about a server that cannot take questions. */
function fixFor(name: BackendHealth["name"], status: "down" | "not_configured"): string {
  switch (name) {
    case "ollama":
      return "Ask your administrator to start Ollama (`ollama serve`) or to set OLLAMA_HOST to where it runs.";
    case "openai":
      return status === "down"
        ? "Ask your administrator to start the server or to correct OPENAI_BASE_URL."
        : "Ask your administrator to set OPENAI_BASE_URL, or choose another scenario.";
    case "gemini":
      return "Ask your administrator to set GEMINI_API_KEY, or choose another scenario.";
  }
}

function describeServer(health: BackendHealth): ModelServer {
  const label = serverLabels[health.name];
  const base = { name: health.name, status: health.status, endpoint: health.endpoint ?? null };
  switch (health.status) {
    case "down":
      return {
        ...base,
        problem: `${label} at ${health.endpoint ?? "its address"} is not answering (${health.detail ?? "no reason given"}). ${fixFor(health.name, "down")}`,
      };
    case "not_configured":
      return { ...base, problem: `${label} is not set up on this installation. ${fixFor(health.name, "not_configured")}` };
    case "up":
    case "configured":
    case "checking":
      return { ...base, problem: null };
  }
}

/** The enabled scenarios with their servers' state, and the retrieval store's. */
export async function listScenarioAvailability(db: Db, config: Env): Promise<ScenarioList> {
  const [scenarios, backends, store] = await Promise.all([listScenarios(db), checkModelBackends(config), checkStore(config.RAG_STORE_DIR)]);
  const servers = new Map(backends.map((backend) => [backend.name, describeServer(backend)]));
  return {
    scenarios: scenarios.map((scenario) => ({
      id: scenario.id,
      name: scenario.name,
      description: scenario.description,
      model: scenario.model,
      retrieval: scenario.retrieval,
      server: servers.get(scenario.provider) ?? { name: scenario.provider, status: "checking", endpoint: null, problem: null },
    })),
    store: { status: store.status, problem: store.problem ?? null },
    checkedAt: new Date().toISOString(),
  };
}
