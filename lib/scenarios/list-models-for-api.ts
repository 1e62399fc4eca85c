import "server-only";
import type { Db } from "@/lib/db";
import { listScenarios } from "@/lib/scenarios/list-scenarios";

/** Enabled scenarios in OpenAI's /v1/models format: each scenario is a "model" a client can name. */
export async function listModelsForApi(db: Db) {
  const scenarios = await listScenarios(db);
  return {
    object: "list" as const,
    data: scenarios.map((scenario) => ({
      id: scenario.id,
      object: "model" as const,
      created: Math.floor(scenario.createdAt.getTime() / 1000),
      owned_by: "cam",
      cam: { name: scenario.name, model: scenario.model, provider: scenario.provider, retrieval: scenario.retrieval },
    })),
  };
}
