import "server-only";
import type { Env } from "@/lib/env";
import { createModelClient, modelClientConfigFromEnv } from "@/lib/llm/create-model-client";
import type { ModelProviderName } from "@/lib/llm/types";

/** How long to wait for a server's model list; the admin page should not hang on a dead server. */
const LIST_TIMEOUT_MS = 3_000;

export type ProviderModels = { provider: ModelProviderName; models: string[]; problem?: string };

/** The models each configured model server reports, or why it could not say. */
export async function listAvailableModels(config: Env): Promise<ProviderModels[]> {
  const providers: ModelProviderName[] = ["ollama", "openai", "gemini"];
  return Promise.all(
    providers.map(async (provider): Promise<ProviderModels> => {
      try {
        const client = createModelClient({ ...modelClientConfigFromEnv(provider, config), timeoutMs: LIST_TIMEOUT_MS, retries: 0 });
        return { provider, models: (await client.listModels()).sort() };
      } catch (error) {
        return { provider, models: [], problem: (error as Error).message };
      }
    }),
  );
}
