import "server-only";
import type { AgentDeps, AgentStage } from "@/lib/agent/answer-question";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { runnableJudges } from "@/lib/judges/runnable-judges";
import { createModelClient, modelClientConfigFromEnv } from "@/lib/llm/create-model-client";
import type { ModelClient } from "@/lib/llm/types";
import { logger } from "@/lib/logger";
import { searchStore } from "@/lib/retrieval/search-store";
import type { ScenarioDefinition } from "@/lib/schemas/scenarios";

// The agent's real dependencies in the running app: the configured database,
// the retrieval store and model servers from the environment.

const clients = new Map<string, ModelClient>();

/** One client per provider configuration, reused across requests (they hold connection pools). */
function modelClientFor(scenario: ScenarioDefinition): ModelClient {
  const base = modelClientConfigFromEnv(scenario.provider, env());
  const config = base.provider === "ollama" ? { ...base, api: scenario.options.ollamaApi } : base;
  const key = JSON.stringify(config);
  let client = clients.get(key);
  if (!client) {
    client = createModelClient(config);
    clients.set(key, client);
  }
  return client;
}

/** Dependencies for answerQuestion in the app; `requestId` ties log lines to the request. */
export function createAgentDeps(options: { requestId: string; onStage?: (stage: AgentStage) => void }): AgentDeps {
  const log = logger().child({ requestId: options.requestId });
  return {
    db: getDb(),
    retrieve: searchStore,
    modelClient: modelClientFor,
    onStage: (stage) => {
      log.debug({ stage }, "agent stage");
      options.onStage?.(stage);
    },
    onUnrecordedFailure: (error, context) => log.error({ err: error, ...context }, "a failure could not be recorded in the audit trail"),
    judgesFor: (settings) => (settings.judges.judgeConsoleAnswers ? runnableJudges(settings.judges.models, env()).map((judge) => judge.id) : []),
  };
}
