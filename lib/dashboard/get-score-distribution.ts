import "server-only";
import type { DashboardFilters } from "@/lib/dashboard/dashboard-filters";
import { judgeScoreConditions, scoreBucketSql, toNumber } from "@/lib/dashboard/dashboard-sql";
import type { ScoreDistributionData, ScoreMetric } from "@/lib/dashboard/dashboard-types";
import { prepareScoreDistribution } from "@/lib/dashboard/prepare-score-series";
import { type Db, Prisma } from "@/lib/db";

type Row = { metric: ScoreMetric; judgeKey: string; scoreBucket: unknown; n: unknown };

/** Histogram of judge compliance and helpfulness scores per judge: one query counting scores per judge and half-point bucket. */
export async function getScoreDistribution(db: Db, filters: DashboardFilters): Promise<ScoreDistributionData> {
  const where = judgeScoreConditions(filters, { scoredOnly: true });
  const counts = (metric: ScoreMetric) => Prisma.sql`
    SELECT ${Prisma.raw(`'${metric}'`)} AS "metric", s."judgeId" AS "judgeKey", ${scoreBucketSql(metric)} AS "scoreBucket", CAST(COUNT(*) AS INTEGER) AS "n"
    FROM "JudgeScore" s JOIN "Exchange" e ON e."id" = s."exchangeId"
    WHERE ${where} AND ${Prisma.raw(`s."${metric}"`)} IS NOT NULL
    GROUP BY s."judgeId", ${scoreBucketSql(metric)}`;
  const rows = await db.$queryRaw<Row[]>(Prisma.sql`${counts("compliance")} UNION ALL ${counts("helpfulness")}`);
  return {
    filters,
    ...prepareScoreDistribution(rows.map((row) => ({ metric: row.metric, judgeKey: row.judgeKey, scoreBucket: toNumber(row.scoreBucket), n: toNumber(row.n) }))),
  };
}
