import "server-only";
import type { DashboardFilters } from "@/lib/dashboard/dashboard-filters";
import { judgeScoreConditions, toNumber } from "@/lib/dashboard/dashboard-sql";
import type { DecisionMatrixData, MatrixColumn } from "@/lib/dashboard/dashboard-types";
import { prepareDecisionMatrices } from "@/lib/dashboard/prepare-decision-series";
import { type Db, Prisma } from "@/lib/db";
import type { Verdict } from "@/lib/pipeline/evaluation/types";

type Row = { judgeKey: string; camAction: Verdict; judgeVerdict: MatrixColumn; n: unknown };

/** A judge failure, or a "scored" score without a verdict, goes in the "unscored" column, as in the run reports. */
const VERDICT_COLUMN = Prisma.raw(`CASE WHEN s."status" = 'scored' AND s."verdict" IS NOT NULL THEN CAST(s."verdict" AS TEXT) ELSE 'unscored' END`);

/** CAM's action × each judge's verdict: one query counting judge scores per judge, action and verdict. */
export async function getDecisionMatrix(db: Db, filters: DashboardFilters): Promise<DecisionMatrixData> {
  const rows = await db.$queryRaw<Row[]>(Prisma.sql`
    SELECT s."judgeId" AS "judgeKey", CAST(e."action" AS TEXT) AS "camAction", ${VERDICT_COLUMN} AS "judgeVerdict", CAST(COUNT(*) AS INTEGER) AS "n"
    FROM "JudgeScore" s JOIN "Exchange" e ON e."id" = s."exchangeId"
    WHERE ${judgeScoreConditions(filters, { scoredOnly: false })}
    GROUP BY s."judgeId", e."action", ${VERDICT_COLUMN}`);
  return { filters, judges: prepareDecisionMatrices(rows.map((row) => ({ ...row, n: toNumber(row.n) }))) };
}
