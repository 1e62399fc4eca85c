import { AppError } from "@/lib/errors";
import type { ScenarioDefinition } from "@/lib/schemas/scenarios";

/**
 * The enabled scenario with this id; without an id, the first enabled scenario
 * that uses retrieval (answers grounded in the regulations are the safer default).
 */
export function resolveScenario(enabled: ScenarioDefinition[], scenarioId: string | undefined): ScenarioDefinition {
  const scenario = scenarioId
    ? enabled.find((candidate) => candidate.id === scenarioId)
    : (enabled.find((candidate) => candidate.retrieval) ?? enabled[0]);
  if (scenario) return scenario;
  const available = enabled.map((candidate) => candidate.id).join(", ");
  throw new AppError(
    "not_found",
    scenarioId
      ? `There is no enabled scenario "${scenarioId}". ${available ? `Choose one of: ${available}.` : "Ask an administrator to set one up."}`
      : "No scenarios are enabled. Ask an administrator to set one up.",
  );
}
