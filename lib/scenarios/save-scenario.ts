import "server-only";
import { recordAdminChange } from "@/lib/audit/record-admin-change";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { ScenarioDefinition } from "@/lib/schemas/scenarios";

// Scenarios are edited in place (each exchange keeps a copy of the model and
// options it ran with, so history is not rewritten); every change is logged
// with its before and after.

/** Creates a scenario, or replaces an existing one's settings; returns the saved scenario. */
export async function saveScenario(db: Db, options: { scenario: ScenarioDefinition; actorId: string; create: boolean }) {
  const { scenario } = options;
  const existing = await db.scenario.findUnique({ where: { id: scenario.id } });
  if (options.create && existing) throw new AppError("conflict", `A scenario "${scenario.id}" already exists. Choose another id, or edit that one.`);
  if (!options.create && !existing) throw new AppError("not_found", `There is no scenario "${scenario.id}".`);
  return db.$transaction(async (tx) => {
    const saved = await tx.scenario.upsert({ where: { id: scenario.id }, create: scenario, update: scenario });
    await recordAdminChange(tx, {
      actorId: options.actorId,
      action: options.create ? "scenario.create" : "scenario.update",
      entityType: "scenario",
      entityId: scenario.id,
      summary: `${options.create ? "Created" : "Changed"} scenario ${scenario.id} (${scenario.model}, retrieval ${scenario.retrieval ? "on" : "off"}${scenario.enabled ? "" : ", disabled"})`,
      before: existing ? JSON.parse(JSON.stringify(existing)) : undefined,
      after: JSON.parse(JSON.stringify(scenario)),
    });
    return saved;
  });
}

/** Every scenario, enabled or not, in display order. */
export function listAllScenarios(db: Db) {
  return db.scenario.findMany({ orderBy: [{ sortOrder: "asc" }, { id: "asc" }] });
}
