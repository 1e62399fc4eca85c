import "server-only";
import { type DashboardFilters, filterRange } from "@/lib/dashboard/dashboard-filters";
import { bucketKeySql, exchangeConditions, toNumber, toNumberOrNull } from "@/lib/dashboard/dashboard-sql";
import type { LatencyTrendData } from "@/lib/dashboard/dashboard-types";
import { LATENCY_PERCENTILES } from "@/lib/dashboard/nearest-rank";
import { listBuckets, normaliseBucketKey } from "@/lib/dashboard/time-buckets";
import { type Db, Prisma } from "@/lib/db";

type Row = { bucketKey: string; n: unknown; p50: unknown; p95: unknown; averageMs: unknown };

/** The value at the nearest rank of a percentile within its bucket (nearest-rank.ts gives the formula). */
const percentileColumn = (percent: number) =>
  Prisma.raw(`CAST(MAX(CASE WHEN "position" = (${percent} * "n" + 99) / 100 THEN "ms" END) AS DOUBLE PRECISION) AS "p${percent}"`);

/**
 * Nearest-rank p50 and p95 (and the mean) of answered questions' total time per
 * bucket: one query numbering each bucket's times in order (ROW_NUMBER) and
 * picking the ranks, exact on SQLite and PostgreSQL alike.
 */
export async function getLatencyTrend(db: Db, filters: DashboardFilters): Promise<LatencyTrendData> {
  const bucket = bucketKeySql(filters.bucket);
  const rows = await db.$queryRaw<Row[]>(Prisma.sql`
    SELECT "bucketKey", CAST(MAX("n") AS INTEGER) AS "n", ${Prisma.join(LATENCY_PERCENTILES.map(percentileColumn), ", ")},
      CAST(AVG("ms") AS DOUBLE PRECISION) AS "averageMs"
    FROM (
      SELECT ${bucket} AS "bucketKey", e."totalMs" AS "ms",
        ROW_NUMBER() OVER (PARTITION BY ${bucket} ORDER BY e."totalMs", e."id") AS "position",
        COUNT(*) OVER (PARTITION BY ${bucket}) AS "n"
      FROM "Exchange" e
      WHERE ${exchangeConditions(filters, { answeredOnly: true })}
    ) ranked
    GROUP BY "bucketKey"`);
  const byKey = new Map(rows.map((row) => [normaliseBucketKey(row.bucketKey, filters.bucket), row]));
  const range = filterRange(filters);
  const buckets = listBuckets(range.start, range.end, filters.bucket);
  return {
    filters,
    buckets,
    rows: buckets.map((entry) => {
      const row = byKey.get(entry.key);
      return { key: entry.key, n: row ? toNumber(row.n) : 0, p50Ms: toNumberOrNull(row?.p50), p95Ms: toNumberOrNull(row?.p95), averageMs: toNumberOrNull(row?.averageMs) };
    }),
  };
}
