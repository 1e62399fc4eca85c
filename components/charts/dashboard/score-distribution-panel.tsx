"use client";

import { useState } from "react";
import { ChartPanel } from "@/components/charts/chart-panel";
import { seriesLook } from "@/components/charts/chart-theme";
import { DataTable } from "@/components/charts/data-table";
import { formatPercent, percentTick } from "@/components/charts/format-chart-values";
import { GroupedBarChart } from "@/components/charts/grouped-bar-chart";
import { chartStateOf, judgeIndex, useDashboardChart } from "@/components/charts/dashboard/use-dashboard-chart";
import { SegmentedControl } from "@/components/ui/segmented-control";
import type { DashboardFilters } from "@/lib/dashboard/dashboard-filters";
import type { ScoreDistributionData, ScoreMetric } from "@/lib/dashboard/dashboard-types";

export const METRIC_OPTIONS: { value: ScoreMetric; label: string }[] = [
  { value: "compliance", label: "Compliance" },
  { value: "helpfulness", label: "Helpfulness" },
];

/** How each judge's 0–5 scores are spread, as shares of its own scores so judges with more scores compare fairly. */
export function ScoreDistributionPanel({ filters, judgeOrder }: { filters: DashboardFilters; judgeOrder: string[] }) {
  const [metric, setMetric] = useState<ScoreMetric>("compliance");
  const query = useDashboardChart<ScoreDistributionData>("score-distribution", filters);
  const data = query.data;
  const total = (source: ScoreDistributionData) => Object.values(source.totals[metric]).reduce((sum, count) => sum + count, 0);
  const state = chartStateOf(query, (source) => total(source) === 0, `No ${metric} scores match these filters. Judges score console answers in the background and evaluation runs as they go.`);
  const series = (data?.judges ?? []).map((judge, index) => ({ ...judge, look: seriesLook(judgeIndex(judgeOrder, judge.key, index)) }));
  const rows = data?.rows[metric] ?? [];
  const summary = series
    .map((judge) => {
      const count = data?.totals[metric][judge.key] ?? 0;
      const top = [...rows].sort((a, b) => (b.counts[judge.key] ?? 0) - (a.counts[judge.key] ?? 0))[0];
      return count === 0 || !top ? `${judge.label}: no ${metric} scores` : `${judge.label}: ${count} ${metric} scores, most often ${top.label} (${formatPercent(top.values[judge.key] ?? null)})`;
    })
    .join("; ");
  return (
    <ChartPanel
      title="Distribution of judge scores"
      description={`How often each judge gave each ${metric} score from 0 to 5, as a share of that judge's scores. Each bar covers half a point: "4.5" counts 4.5 up to 4.99.`}
      controls={<SegmentedControl label="Score" options={METRIC_OPTIONS} value={metric} onChange={setMetric} />}
      state={state}
      chart={
        <GroupedBarChart
          title={`Distribution of ${metric} scores per judge`}
          description={summary}
          rows={rows}
          series={series}
          categoryAxisLabel={`${metric === "compliance" ? "Compliance" : "Helpfulness"} score (0–5)`}
          valueAxisLabel="Share of the judge's scores"
          formatValue={formatPercent}
          formatTick={percentTick}
        />
      }
      summary={`${summary}.`}
      table={
        <DataTable
          caption={`Number of ${metric} scores per half-point bucket, with the share of each judge's scores`}
          columns={[{ key: "score", header: "Score" }, ...series.map((judge) => ({ key: judge.key, header: judge.label, numeric: true }))]}
          rows={rows.map((row) => ({
            key: row.key,
            cells: {
              score: row.label,
              ...Object.fromEntries(series.map((judge) => [judge.key, `${row.counts[judge.key] ?? 0} (${formatPercent(row.values[judge.key] ?? null)})`])),
            },
          }))}
        />
      }
    />
  );
}
