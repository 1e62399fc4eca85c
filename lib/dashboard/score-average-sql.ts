import "server-only";
import { toNumber, toNumberOrNull } from "@/lib/dashboard/dashboard-sql";
import type { ScoreAverageRow } from "@/lib/dashboard/prepare-score-series";
import { Prisma } from "@/lib/db";

// The aggregate columns of the score-average charts (over time, per scenario
// or model): average and number of compliance and helpfulness scores.

/** Select-list columns; AVG is cast so PostgreSQL returns a double, not a numeric. */
export const SCORE_AVERAGE_COLUMNS = Prisma.sql`
  CAST(AVG(s."compliance") AS DOUBLE PRECISION) AS "complianceAverage", CAST(COUNT(s."compliance") AS INTEGER) AS "complianceN",
  CAST(AVG(s."helpfulness") AS DOUBLE PRECISION) AS "helpfulnessAverage", CAST(COUNT(s."helpfulness") AS INTEGER) AS "helpfulnessN"`;

export type RawScoreAverageRow = { groupKey: string; judgeKey: string; complianceAverage: unknown; complianceN: unknown; helpfulnessAverage: unknown; helpfulnessN: unknown };

/** A row as the preparation functions take it. */
export function toScoreAverageRow(row: RawScoreAverageRow, groupKey = row.groupKey): ScoreAverageRow {
  return {
    groupKey,
    judgeKey: row.judgeKey,
    complianceAverage: toNumberOrNull(row.complianceAverage),
    complianceN: toNumber(row.complianceN),
    helpfulnessAverage: toNumberOrNull(row.helpfulnessAverage),
    helpfulnessN: toNumber(row.helpfulnessN),
  };
}
