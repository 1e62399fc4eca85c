"use client";

import { useState } from "react";
import { ChartPanel } from "@/components/charts/chart-panel";
import { seriesLook } from "@/components/charts/chart-theme";
import { DataTable } from "@/components/charts/data-table";
import { formatScore } from "@/components/charts/format-chart-values";
import { GroupedBarChart } from "@/components/charts/grouped-bar-chart";
import { METRIC_OPTIONS } from "@/components/charts/dashboard/score-distribution-panel";
import { chartStateOf, judgeIndex, useDashboardChart } from "@/components/charts/dashboard/use-dashboard-chart";
import { SegmentedControl } from "@/components/ui/segmented-control";
import type { DashboardFilters } from "@/lib/dashboard/dashboard-filters";
import type { ScoreGrouping, ScoreMetric, ScoresByGroupData } from "@/lib/dashboard/dashboard-types";

const GROUP_OPTIONS: { value: ScoreGrouping; label: string }[] = [
  { value: "scenario", label: "Scenario" },
  { value: "model", label: "Model" },
];

/** Each judge's average score per scenario or per model. */
export function ScoresByGroupPanel({ filters, judgeOrder }: { filters: DashboardFilters; judgeOrder: string[] }) {
  const [metric, setMetric] = useState<ScoreMetric>("compliance");
  const [by, setBy] = useState<ScoreGrouping>("scenario");
  const query = useDashboardChart<ScoresByGroupData>("scores-by-group", filters, { by });
  const data = query.data;
  const state = chartStateOf(query, (source) => source.rows[metric].length === 0, `No ${metric} scores match these filters.`);
  const series = (data?.judges ?? []).map((judge, index) => ({ ...judge, look: seriesLook(judgeIndex(judgeOrder, judge.key, index)) }));
  const rows = (data?.rows[metric] ?? []).map((row) => ({ ...row, label: by === "scenario" ? `Scenario ${row.label}` : row.label }));
  const summary = rows
    .map((row) => `${row.label}: ${series.map((judge) => `${judge.label} ${formatScore(row.values[judge.key] ?? null)}`).join(", ")}`)
    .join("; ");
  return (
    <ChartPanel
      title={`Judge scores by ${by}`}
      description={`Average ${metric} score (0–5) per ${by === "scenario" ? "scenario" : "model that answered"}, one bar per judge; "n/a" where a judge scored none.`}
      controls={
        <div className="flex flex-wrap gap-3">
          <SegmentedControl label="Group by" options={GROUP_OPTIONS} value={by} onChange={setBy} />
          <SegmentedControl label="Score" options={METRIC_OPTIONS} value={metric} onChange={setMetric} />
        </div>
      }
      state={state}
      chart={
        <GroupedBarChart
          title={`Average ${metric} score per ${by} and judge`}
          description={summary}
          rows={rows}
          series={series}
          categoryAxisLabel={by === "scenario" ? "Scenario" : "Model"}
          valueAxisLabel={`Average ${metric} (0–5)`}
          formatValue={formatScore}
          formatTick={(value) => String(value)}
          domain={[0, 5]}
          ticks={[0, 1, 2, 3, 4, 5]}
        />
      }
      summary={`${summary}.`}
      table={
        <DataTable
          caption={`Average ${metric} score and number of scores per ${by} and judge`}
          columns={[{ key: "group", header: by === "scenario" ? "Scenario" : "Model" }, ...series.map((judge) => ({ key: judge.key, header: `${judge.label} (n)`, numeric: true }))]}
          rows={rows.map((row) => ({
            key: row.key,
            cells: {
              group: row.label,
              ...Object.fromEntries(series.map((judge) => [judge.key, `${formatScore(row.values[judge.key] ?? null)} (${row.counts[judge.key] ?? 0})`])),
            },
          }))}
        />
      }
    />
  );
}
