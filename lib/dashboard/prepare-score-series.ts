import type { ChartRow, ScoreDistributionData, ScoreGrouping, ScoreMetric, ScoresByGroupData, ScoreTrendData, SeriesInfo } from "@/lib/dashboard/dashboard-types";
import { SCORE_BUCKET_LOWS, scoreBucketLabel } from "@/lib/dashboard/score-buckets";
import type { TimeBucket } from "@/lib/dashboard/time-buckets";

// Judge-score series from the rows of one grouped query: histograms, averages
// over time and averages per scenario or model, one series per judge. Pure.

export const SCORE_METRICS: readonly ScoreMetric[] = ["compliance", "helpfulness"];

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The judges in the rows, sorted by id, as chart series. */
function judgeSeries(rows: readonly { judgeKey: string }[]): SeriesInfo[] {
  return [...new Set(rows.map((row) => row.judgeKey))].sort(byText).map((key) => ({ key, label: key }));
}

export type ScoreBucketRow = { metric: ScoreMetric; judgeKey: string; scoreBucket: number; n: number };

/** Histogram rows per metric: for each half-point bucket, each judge's share of its own scores (counts alongside). */
export function prepareScoreDistribution(rows: readonly ScoreBucketRow[]): Omit<ScoreDistributionData, "filters"> {
  const judges = judgeSeries(rows);
  const totals = { compliance: {}, helpfulness: {} } as ScoreDistributionData["totals"];
  for (const row of rows) totals[row.metric][row.judgeKey] = (totals[row.metric][row.judgeKey] ?? 0) + row.n;
  const histogram = (metric: ScoreMetric): ChartRow[] =>
    SCORE_BUCKET_LOWS.map((low, index) => {
      const counts: Record<string, number> = {};
      const values: Record<string, number | null> = {};
      for (const judge of judges) {
        const count = rows.find((row) => row.metric === metric && row.judgeKey === judge.key && row.scoreBucket === index)?.n ?? 0;
        const total = totals[metric][judge.key] ?? 0;
        counts[judge.key] = count;
        // A judge with no scores for this metric has no distribution, rather than a flat zero one.
        values[judge.key] = total === 0 ? null : count / total;
      }
      return { key: String(low), label: scoreBucketLabel(index), values, counts };
    });
  return { judges, rows: { compliance: histogram("compliance"), helpfulness: histogram("helpfulness") }, totals };
}

export type ScoreAverageRow = {
  groupKey: string;
  judgeKey: string;
  complianceAverage: number | null;
  complianceN: number;
  helpfulnessAverage: number | null;
  helpfulnessN: number;
};

const metricOf = (row: ScoreAverageRow, metric: ScoreMetric) =>
  metric === "compliance" ? { average: row.complianceAverage, n: row.complianceN } : { average: row.helpfulnessAverage, n: row.helpfulnessN };

/** One chart row per group key (a bucket, a scenario...): each judge's average and the number of scores averaged. */
function averageRows(rows: readonly ScoreAverageRow[], judges: SeriesInfo[], groups: { key: string; label: string }[], metric: ScoreMetric): ChartRow[] {
  return groups.map((group) => {
    const values: Record<string, number | null> = {};
    const counts: Record<string, number> = {};
    for (const judge of judges) {
      const row = rows.find((candidate) => candidate.groupKey === group.key && candidate.judgeKey === judge.key);
      const { average, n } = row ? metricOf(row, metric) : { average: null, n: 0 };
      counts[judge.key] = n;
      values[judge.key] = n > 0 ? average : null;
    }
    return { key: group.key, label: group.label, values, counts };
  });
}

/** Average scores per time bucket: every bucket of the range, empty ones with nulls so gaps show. */
export function prepareScoreTrend(rows: readonly ScoreAverageRow[], buckets: TimeBucket[]): Omit<ScoreTrendData, "filters"> {
  const judges = judgeSeries(rows);
  const groups = buckets.map((bucket) => ({ key: bucket.key, label: bucket.key }));
  return {
    buckets,
    judges,
    rows: { compliance: averageRows(rows, judges, groups, "compliance"), helpfulness: averageRows(rows, judges, groups, "helpfulness") },
  };
}

/** Average scores per scenario or model, groups sorted by name. */
export function prepareScoresByGroup(rows: readonly ScoreAverageRow[], by: ScoreGrouping): Omit<ScoresByGroupData, "filters"> {
  const judges = judgeSeries(rows);
  const groups = [...new Set(rows.map((row) => row.groupKey))].sort(byText).map((key) => ({ key, label: key }));
  return {
    by,
    judges,
    rows: { compliance: averageRows(rows, judges, groups, "compliance"), helpfulness: averageRows(rows, judges, groups, "helpfulness") },
  };
}
