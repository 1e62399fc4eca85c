import "server-only";
import { type DashboardFilters, filterRange } from "@/lib/dashboard/dashboard-filters";
import { bucketKeySql, judgeScoreConditions } from "@/lib/dashboard/dashboard-sql";
import type { ScoreTrendData } from "@/lib/dashboard/dashboard-types";
import { prepareScoreTrend } from "@/lib/dashboard/prepare-score-series";
import { type RawScoreAverageRow, SCORE_AVERAGE_COLUMNS, toScoreAverageRow } from "@/lib/dashboard/score-average-sql";
import { listBuckets, normaliseBucketKey } from "@/lib/dashboard/time-buckets";
import { type Db, Prisma } from "@/lib/db";

/** Average judge scores per time bucket and judge: one query grouping scores by bucket and judge. */
export async function getScoreTrend(db: Db, filters: DashboardFilters): Promise<ScoreTrendData> {
  const bucket = bucketKeySql(filters.bucket);
  const rows = await db.$queryRaw<RawScoreAverageRow[]>(Prisma.sql`
    SELECT ${bucket} AS "groupKey", s."judgeId" AS "judgeKey", ${SCORE_AVERAGE_COLUMNS}
    FROM "JudgeScore" s JOIN "Exchange" e ON e."id" = s."exchangeId"
    WHERE ${judgeScoreConditions(filters, { scoredOnly: true })}
    GROUP BY ${bucket}, s."judgeId"`);
  const range = filterRange(filters);
  const prepared = rows.map((row) => toScoreAverageRow(row, normaliseBucketKey(row.groupKey, filters.bucket)));
  return { filters, ...prepareScoreTrend(prepared, listBuckets(range.start, range.end, filters.bucket)) };
}
