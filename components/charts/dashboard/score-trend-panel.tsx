"use client";

import { useState } from "react";
import { BUCKET_NAMES, bucketLabel, bucketSpan } from "@/components/charts/bucket-labels";
import { ChartPanel } from "@/components/charts/chart-panel";
import { seriesLook } from "@/components/charts/chart-theme";
import { DataTable } from "@/components/charts/data-table";
import { formatScore } from "@/components/charts/format-chart-values";
import { TrendLineChart } from "@/components/charts/trend-line-chart";
import { METRIC_OPTIONS } from "@/components/charts/dashboard/score-distribution-panel";
import { chartStateOf, judgeIndex, useDashboardChart } from "@/components/charts/dashboard/use-dashboard-chart";
import { SegmentedControl } from "@/components/ui/segmented-control";
import type { DashboardFilters } from "@/lib/dashboard/dashboard-filters";
import type { ChartRow, ScoreMetric, ScoreTrendData } from "@/lib/dashboard/dashboard-types";
import type { TimeBucket } from "@/lib/dashboard/time-buckets";

/** The average over all buckets, weighted by the number of scores in each. */
function overallAverage(rows: ChartRow[], key: string): { average: number | null; n: number } {
  let n = 0;
  let sum = 0;
  for (const row of rows) {
    const value = row.values[key];
    const count = row.counts[key] ?? 0;
    if (value !== null && value !== undefined) {
      sum += value * count;
      n += count;
    }
  }
  return { average: n === 0 ? null : sum / n, n };
}

const spanOf = (bucket: TimeBucket | undefined) => (bucket ? bucketSpan(bucket) : "");

/** Each judge's average score per time bucket. */
export function ScoreTrendPanel({ filters, judgeOrder }: { filters: DashboardFilters; judgeOrder: string[] }) {
  const [metric, setMetric] = useState<ScoreMetric>("compliance");
  const query = useDashboardChart<ScoreTrendData>("score-trend", filters);
  const data = query.data;
  const state = chartStateOf(
    query,
    (source) => source.rows[metric].every((row) => Object.values(row.counts).every((count) => count === 0)),
    `No ${metric} scores match these filters.`,
  );
  const series = (data?.judges ?? []).map((judge, index) => ({ ...judge, look: seriesLook(judgeIndex(judgeOrder, judge.key, index)) }));
  const labelled = (data?.rows[metric] ?? []).map((row, index) => {
    const bucket = data?.buckets[index];
    return { ...row, label: bucket ? bucketLabel(bucket, filters.bucket) : row.key };
  });
  const summary = series
    .map((judge) => {
      const { average, n } = overallAverage(labelled, judge.key);
      const lowest = labelled.filter((row) => typeof row.values[judge.key] === "number").sort((a, b) => (a.values[judge.key] as number) - (b.values[judge.key] as number))[0];
      return `${judge.label} averaged ${formatScore(average)} over ${n} scores${lowest ? `, lowest ${formatScore(lowest.values[judge.key] ?? null)} on ${lowest.label}` : ""}`;
    })
    .join("; ");
  const names = BUCKET_NAMES[filters.bucket];
  return (
    <ChartPanel
      title="Judge scores over time"
      description={`Average ${metric} score (0–5) per ${names.plural.replace(/s$/, "")}, one line per judge. Gaps are ${names.plural} with no scores.`}
      controls={<SegmentedControl label="Score" options={METRIC_OPTIONS} value={metric} onChange={setMetric} />}
      state={state}
      chart={
        <TrendLineChart
          title={`Average ${metric} score per judge over time`}
          description={summary}
          rows={labelled}
          series={series}
          xAxisLabel={names.axis}
          yAxisLabel={`Average ${metric} (0–5)`}
          formatValue={formatScore}
          formatTick={(value) => String(value)}
          domain={[0, 5]}
          ticks={[0, 1, 2, 3, 4, 5]}
        />
      }
      summary={`${summary}.`}
      table={
        <DataTable
          caption={`Average ${metric} score and number of scores per ${names.plural.replace(/s$/, "")}`}
          columns={[
            { key: "bucket", header: names.axis },
            { key: "span", header: "Covers (your time)" },
            ...series.map((judge) => ({ key: judge.key, header: `${judge.label} (n)`, numeric: true })),
          ]}
          rows={labelled.map((row, index) => ({
            key: row.key,
            cells: {
              bucket: row.label,
              span: spanOf(data?.buckets[index]),
              ...Object.fromEntries(series.map((judge) => [judge.key, `${formatScore(row.values[judge.key] ?? null)} (${row.counts[judge.key] ?? 0})`])),
            },
          }))}
        />
      }
    />
  );
}
