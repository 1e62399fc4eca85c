import "server-only";
import { type DashboardFilters, filterRange } from "@/lib/dashboard/dashboard-filters";
import { SCORE_BUCKET_LOWS } from "@/lib/dashboard/score-buckets";
import { BUCKET_KEY_LENGTH, type BucketSize } from "@/lib/dashboard/time-buckets";
import { Prisma } from "@/lib/db";

// SQL pieces shared by the dashboard's aggregate queries, written once so all
// six agree on what the filters mean. Only portable SQL, for SQLite and
// PostgreSQL alike: CAST, substr, CASE, COUNT/SUM/AVG, window functions.
// Every query names the exchange `e` and the judge score `s`. Constants are
// written into the SQL (never user input); filter values are parameters.

/**
 * The bucket key of an exchange: the first characters of its timestamp as
 * text, "2026-11-26T15" (SQLite keeps ISO text) or "2026-11-26 15"
 * (PostgreSQL's ISO output, in UTC as Prisma stores it); normaliseBucketKey
 * makes both the same. Free of parameters, so it can be grouped by.
 */
export function bucketKeySql(size: BucketSize): Prisma.Sql {
  return Prisma.raw(`substr(CAST(e."createdAt" AS TEXT), 1, ${BUCKET_KEY_LENGTH[size]})`);
}

/** The half-point bucket number (0–10, see score-buckets.ts) of a judge score column. */
export function scoreBucketSql(column: "compliance" | "helpfulness"): Prisma.Sql {
  const cases = SCORE_BUCKET_LOWS.map((low, index) => ({ low, index }))
    .slice(1)
    .reverse()
    .map(({ low, index }) => `WHEN s."${column}" >= ${low} THEN ${index}`)
    .join(" ");
  return Prisma.raw(`CASE ${cases} ELSE 0 END`);
}

/**
 * Exchanges in the filters' range (from `start` when given, to include history
 * before it), scenario, model and source. `answeredOnly` leaves out failed
 * exchanges: they have no answer to judge and their time measures a timeout.
 */
export function exchangeConditions(filters: DashboardFilters, options: { answeredOnly: boolean; start?: Date }): Prisma.Sql {
  const range = filterRange(filters);
  const conditions = [Prisma.sql`e."createdAt" >= ${options.start ?? range.start}`, Prisma.sql`e."createdAt" < ${range.end}`];
  if (options.answeredOnly) conditions.push(Prisma.sql`e."error" IS NULL`);
  if (filters.scenario) conditions.push(Prisma.sql`e."scenarioId" = ${filters.scenario}`);
  if (filters.model) conditions.push(Prisma.sql`e."model" = ${filters.model}`);
  // Enum columns compare with text parameters only once cast (PostgreSQL has no enum = text operator).
  if (filters.source) conditions.push(Prisma.sql`CAST(e."source" AS TEXT) = ${filters.source}`);
  return Prisma.join(conditions, " AND ");
}

/** Judge scores of answered exchanges within the filters (and of the chosen judge); `scoredOnly` leaves out judges' failures. */
export function judgeScoreConditions(filters: DashboardFilters, options: { scoredOnly: boolean }): Prisma.Sql {
  const conditions = [exchangeConditions(filters, { answeredOnly: true })];
  if (options.scoredOnly) conditions.push(Prisma.sql`s."status" = 'scored'`);
  if (filters.judge) conditions.push(Prisma.sql`s."judgeId" = ${filters.judge}`);
  return Prisma.join(conditions, " AND ");
}

/** A number from an aggregate column: drivers return counts as bigint or averages as decimal strings on some databases. */
export function toNumber(value: unknown): number {
  if (typeof value === "number") return value;
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "string" || (typeof value === "object" && value !== null)) return Number(String(value));
  throw new TypeError(`Expected a number from the database, got ${String(value)}.`);
}

/** Like toNumber, keeping null (an average over no rows). */
export const toNumberOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : toNumber(value));
