import "server-only";
import type { Db } from "@/lib/db";

/** Enabled scenarios in display order. */
export function listScenarios(db: Db) {
  return db.scenario.findMany({ where: { enabled: true }, orderBy: [{ sortOrder: "asc" }, { id: "asc" }] });
}
