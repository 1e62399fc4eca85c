import type { ScenarioDefinition } from "@/lib/schemas/scenarios";
import type { Settings } from "@/lib/schemas/settings";

/**
 * The six reference scenarios: a general 4B model, MedGemma 4B and MedGemma
 * 27B, each without and with retrieval. Model names come from the settings.
 */
export function defaultScenarios(models: Settings["models"]): ScenarioDefinition[] {
  const pairs = [
    { ids: ["A", "B"], model: models.general, name: "General 4B model" },
    { ids: ["C", "D"], model: models.medgemma4b, name: "MedGemma 4B" },
    { ids: ["E", "F"], model: models.medgemma27b, name: "MedGemma 27B" },
  ];
  return pairs.flatMap(({ ids, model, name }, pairIndex) =>
    ids.map((id, index) => {
      const retrieval = index === 1;
      return {
        id: id as string,
        name: `${name}, ${retrieval ? "with" : "without"} retrieval`,
        description: retrieval
          ? "Answers grounded in passages retrieved from the regulations and codes."
          : "Answers from the model's own knowledge, with no retrieved passages.",
        provider: "ollama" as const,
        model,
        retrieval,
        options: { temperature: 0.2, contextTokens: 8192, maxTokens: 768, ollamaApi: "chat" as const },
        enabled: true,
        sortOrder: pairIndex * 2 + index,
      };
    }),
  );
}
