import "server-only";
import type { DashboardFilterOptions } from "@/lib/dashboard/dashboard-types";
import type { Db } from "@/lib/db";

/** The scenarios, judges and models the filter bar offers: every scenario, and the judges and models that have recorded anything. */
export async function listDashboardFilterOptions(db: Db): Promise<DashboardFilterOptions> {
  const [scenarios, judges, models] = await Promise.all([
    db.scenario.findMany({ select: { id: true, name: true }, orderBy: [{ sortOrder: "asc" }, { id: "asc" }] }),
    db.judgeScore.groupBy({ by: ["judgeId"], orderBy: { judgeId: "asc" } }),
    db.exchange.groupBy({ by: ["model"], orderBy: { model: "asc" } }),
  ]);
  return { scenarios, judges: judges.map((row) => row.judgeId), models: models.map((row) => row.model) };
}
