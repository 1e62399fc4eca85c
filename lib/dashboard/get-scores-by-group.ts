import "server-only";
import type { DashboardFilters } from "@/lib/dashboard/dashboard-filters";
import { judgeScoreConditions } from "@/lib/dashboard/dashboard-sql";
import type { ScoreGrouping, ScoresByGroupData } from "@/lib/dashboard/dashboard-types";
import { prepareScoresByGroup } from "@/lib/dashboard/prepare-score-series";
import { type RawScoreAverageRow, SCORE_AVERAGE_COLUMNS, toScoreAverageRow } from "@/lib/dashboard/score-average-sql";
import { type Db, Prisma } from "@/lib/db";

/** The exchange column each grouping reads: the scenario, or the model the exchange actually used. */
function groupColumn(by: ScoreGrouping): Prisma.Sql {
  switch (by) {
    case "scenario":
      return Prisma.raw(`e."scenarioId"`);
    case "model":
      return Prisma.raw(`e."model"`);
  }
}

/** Average judge scores per scenario (or model) and judge: one query grouping scores by both. */
export async function getScoresByGroup(db: Db, filters: DashboardFilters, by: ScoreGrouping): Promise<ScoresByGroupData> {
  const column = groupColumn(by);
  const rows = await db.$queryRaw<RawScoreAverageRow[]>(Prisma.sql`
    SELECT ${column} AS "groupKey", s."judgeId" AS "judgeKey", ${SCORE_AVERAGE_COLUMNS}
    FROM "JudgeScore" s JOIN "Exchange" e ON e."id" = s."exchangeId"
    WHERE ${judgeScoreConditions(filters, { scoredOnly: true })}
    GROUP BY ${column}, s."judgeId"`);
  return { filters, ...prepareScoresByGroup(rows.map((row) => toScoreAverageRow(row)), by) };
}
