"use client";

import { ChartPanel } from "@/components/charts/chart-panel";
import { seriesLook } from "@/components/charts/chart-theme";
import { DataTable } from "@/components/charts/data-table";
import { formatPercent, formatScore, percentTick } from "@/components/charts/format-chart-values";
import { GroupedBarChart } from "@/components/charts/grouped-bar-chart";
import type { ChartRow } from "@/lib/dashboard/dashboard-types";

type Props = { blockRate: ChartRow[]; compliance: ChartRow[]; labels: { a: string; b: string } };

/** Run A beside run B: block rate per scenario and average compliance per judge. */
export function ComparisonCharts({ blockRate, compliance, labels }: Props) {
  const series = [
    { key: "a", label: `A: ${labels.a}`, look: seriesLook(0) },
    { key: "b", label: `B: ${labels.b}`, look: seriesLook(1) },
  ];
  const describe = (rows: ChartRow[], format: (value: number | null) => string, prefix: string) =>
    rows.map((row) => `${prefix}${row.label}: A ${format(row.values.a ?? null)}, B ${format(row.values.b ?? null)}`).join("; ");
  const blockSummary = describe(blockRate, formatPercent, "Scenario ");
  const complianceSummary = describe(compliance, formatScore, "");
  const table = (rows: ChartRow[], format: (value: number | null) => string, first: string) => (
    <DataTable
      caption={`${first}: run A and run B`}
      columns={[{ key: "name", header: first }, { key: "a", header: "Run A", numeric: true }, { key: "b", header: "Run B", numeric: true }]}
      rows={rows.map((row) => ({ key: row.key, cells: { name: row.label, a: format(row.values.a ?? null), b: format(row.values.b ?? null) } }))}
    />
  );
  return (
    <div className="grid gap-6 xl:grid-cols-2">
      <ChartPanel
        title="Block rate per scenario"
        description="The share of decided answers CAM blocked in each scenario, run A beside run B."
        state={blockRate.length === 0 ? { status: "empty", message: "Neither run has answers." } : { status: "ready" }}
        chart={
          <GroupedBarChart
            title="Block rate per scenario, run A and run B"
            description={blockSummary}
            rows={blockRate}
            series={series}
            categoryAxisLabel="Scenario"
            valueAxisLabel="Block rate"
            formatValue={formatPercent}
            formatTick={percentTick}
            domain={[0, 1]}
            ticks={[0, 0.25, 0.5, 0.75, 1]}
          />
        }
        summary={`${blockSummary}.`}
        table={table(blockRate, formatPercent, "Scenario")}
      />
      <ChartPanel
        title="Judge compliance"
        description="Each judge's average compliance score (0–5) over the whole run, run A beside run B."
        state={compliance.length === 0 ? { status: "empty", message: "Neither run was judged." } : { status: "ready" }}
        chart={
          <GroupedBarChart
            title="Average judge compliance, run A and run B"
            description={complianceSummary}
            rows={compliance}
            series={series}
            categoryAxisLabel="Judge"
            valueAxisLabel="Average compliance (0–5)"
            formatValue={formatScore}
            formatTick={(value) => String(value)}
            domain={[0, 5]}
            ticks={[0, 1, 2, 3, 4, 5]}
          />
        }
        summary={`${complianceSummary}.`}
        table={table(compliance, formatScore, "Judge")}
      />
    </div>
  );
}
