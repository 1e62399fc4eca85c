"use client";

import { BUCKET_NAMES, bucketLabel, bucketSpan } from "@/components/charts/bucket-labels";
import { ChartPanel } from "@/components/charts/chart-panel";
import { seriesLook } from "@/components/charts/chart-theme";
import { DataTable } from "@/components/charts/data-table";
import { formatMs } from "@/components/charts/format-chart-values";
import { TrendLineChart } from "@/components/charts/trend-line-chart";
import { chartStateOf, useDashboardChart } from "@/components/charts/dashboard/use-dashboard-chart";
import type { DashboardFilters } from "@/lib/dashboard/dashboard-filters";
import type { LatencyTrendData } from "@/lib/dashboard/dashboard-types";

const SERIES = [
  { key: "p50", label: "p50 (median)", look: seriesLook(0) },
  { key: "p95", label: "p95", look: seriesLook(1) },
];

const seconds = (ms: number) => `${(ms / 1000).toLocaleString(undefined, { maximumFractionDigits: 1 })} s`;

/** Median and 95th-percentile answer time per bucket. */
export function LatencyTrendPanel({ filters }: { filters: DashboardFilters }) {
  const query = useDashboardChart<LatencyTrendData>("latency-trend", filters);
  const data = query.data;
  const state = chartStateOf(query, (source) => source.rows.every((row) => row.n === 0), "No answered questions match these filters.");
  const names = BUCKET_NAMES[filters.bucket];
  const rows = (data?.rows ?? []).map((row, index) => {
    const bucket = data?.buckets[index];
    return { ...row, label: bucket ? bucketLabel(bucket, filters.bucket) : row.key, span: bucket ? bucketSpan(bucket) : "" };
  });
  const chartRows = rows.map((row) => ({ key: row.key, label: row.label, values: { p50: row.p50Ms, p95: row.p95Ms }, counts: { p50: row.n, p95: row.n } }));
  const slowest = rows.filter((row) => row.p95Ms !== null).sort((a, b) => (b.p95Ms as number) - (a.p95Ms as number))[0];
  const answered = rows.reduce((sum, row) => sum + row.n, 0);
  const summary = slowest
    ? `${answered} answered questions. The slowest ${names.plural.replace(/s$/, "")} was ${slowest.label}: p95 ${formatMs(slowest.p95Ms)}, median ${formatMs(slowest.p50Ms)}.`
    : "No answered questions.";
  return (
    <ChartPanel
      title="Answer time"
      description={`Median (p50) and 95th percentile (p95) of the total time to answer, per ${names.plural.replace(/s$/, "")}. Nearest-rank percentiles, as in the run reports: p95 is the time 95% of answers took at most. Failed questions are left out.`}
      state={state}
      chart={
        <TrendLineChart
          title="Answer time p50 and p95 over time"
          description={summary}
          rows={chartRows}
          series={SERIES}
          xAxisLabel={names.axis}
          yAxisLabel="Total time to answer"
          formatValue={formatMs}
          formatTick={seconds}
        />
      }
      summary={summary}
      table={
        <DataTable
          caption="Answers and answer-time percentiles per bucket"
          columns={[
            { key: "bucket", header: names.axis },
            { key: "span", header: "Covers (your time)" },
            { key: "n", header: "Answers", numeric: true },
            { key: "p50", header: "p50", numeric: true },
            { key: "p95", header: "p95", numeric: true },
            { key: "average", header: "Mean", numeric: true },
          ]}
          rows={rows.map((row) => ({
            key: row.key,
            cells: { bucket: row.label, span: row.span, n: row.n, p50: formatMs(row.p50Ms), p95: formatMs(row.p95Ms), average: formatMs(row.averageMs) },
          }))}
        />
      }
    />
  );
}
