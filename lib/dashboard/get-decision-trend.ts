import "server-only";
import { type DashboardFilters, filterRange } from "@/lib/dashboard/dashboard-filters";
import { bucketKeySql, exchangeConditions, toNumber } from "@/lib/dashboard/dashboard-sql";
import type { DecisionTrendData } from "@/lib/dashboard/dashboard-types";
import { SPIKE_RULE } from "@/lib/dashboard/detect-spikes";
import { prepareDecisionTrend } from "@/lib/dashboard/prepare-decision-series";
import { addBuckets, listBuckets, normaliseBucketKey } from "@/lib/dashboard/time-buckets";
import { type Db, Prisma } from "@/lib/db";

type Row = { bucketKey: string; allow: unknown; warn: unknown; block: unknown; failed: unknown };

/** Marks buckets of the history before the range, which may share a key with the first bucket shown (a month that starts earlier). */
const HISTORY_PREFIX = "before:";

const countWhere = (condition: string) => Prisma.raw(`CAST(SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END) AS INTEGER)`);

/**
 * CAM's allow, warn and block rates per time bucket with block-rate spikes
 * marked (detect-spikes.ts): one query counting decisions per bucket. It reaches
 * back a baseline's worth of buckets before the range, counted apart, so the
 * first buckets shown are checked too. The judge filter does not apply: these
 * are CAM's own decisions.
 */
export async function getDecisionTrend(db: Db, filters: DashboardFilters): Promise<DecisionTrendData> {
  const range = filterRange(filters);
  const historyStart = addBuckets(range.start, filters.bucket, -SPIKE_RULE.baselineBuckets);
  const bucket = bucketKeySql(filters.bucket);
  const rows = await db.$queryRaw<Row[]>(Prisma.sql`
    SELECT CASE WHEN e."createdAt" < ${range.start} THEN ${Prisma.raw(`'${HISTORY_PREFIX}'`)} || ${bucket} ELSE ${bucket} END AS "bucketKey",
      ${countWhere(`e."error" IS NULL AND e."action" = 'allow'`)} AS "allow",
      ${countWhere(`e."error" IS NULL AND e."action" = 'warn'`)} AS "warn",
      ${countWhere(`e."error" IS NULL AND e."action" = 'block'`)} AS "block",
      ${countWhere(`e."error" IS NOT NULL`)} AS "failed"
    FROM "Exchange" e
    WHERE ${exchangeConditions(filters, { answeredOnly: false, start: historyStart })}
    GROUP BY "bucketKey"`);
  const history = listBuckets(historyStart, range.start, filters.bucket).map((entry) => ({ ...entry, key: `${HISTORY_PREFIX}${entry.key}` }));
  const shown = listBuckets(range.start, range.end, filters.bucket);
  const counted = rows.map((row) => {
    const early = row.bucketKey.startsWith(HISTORY_PREFIX);
    const key = normaliseBucketKey(early ? row.bucketKey.slice(HISTORY_PREFIX.length) : row.bucketKey, filters.bucket);
    return {
      bucketKey: early ? `${HISTORY_PREFIX}${key}` : key,
      allow: toNumber(row.allow),
      warn: toNumber(row.warn),
      block: toNumber(row.block),
      failed: toNumber(row.failed),
    };
  });
  return { filters, buckets: shown, rows: prepareDecisionTrend(counted, [...history, ...shown], history.length), rule: { ...SPIKE_RULE } };
}
