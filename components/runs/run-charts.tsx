"use client";

import { ChartPanel } from "@/components/charts/chart-panel";
import { seriesLook, VERDICT_LOOKS } from "@/components/charts/chart-theme";
import { MatrixGrid, MatrixTable, matrixSummary } from "@/components/charts/matrix-grid";
import { DataTable } from "@/components/charts/data-table";
import { formatPercent, formatScore, percentTick } from "@/components/charts/format-chart-values";
import { GroupedBarChart } from "@/components/charts/grouped-bar-chart";
import type { RunMetrics } from "@/lib/pipeline/evaluation/metrics-types";
import { VERDICTS } from "@/lib/pipeline/evaluation/types";
import { complianceByScenario, decisionSharesByScenario, runDecisionMatrices } from "@/lib/runs/run-chart-series";

const ready = { status: "ready" } as const;

/** The run's charts: CAM's decisions per scenario, judge compliance per scenario, and CAM × judge matrices. */
export function RunCharts({ metrics }: { metrics: RunMetrics }) {
  const shares = decisionSharesByScenario(metrics);
  const compliance = complianceByScenario(metrics);
  const matrices = runDecisionMatrices(metrics);
  const sharesSummary = shares.map((row) => `Scenario ${row.key}: ${VERDICTS.map((action) => `${action} ${formatPercent(row.values[action] ?? null)}`).join(", ")}`).join("; ");
  const complianceSummary = compliance.rows
    .map((row) => `Scenario ${row.key}: ${compliance.series.map((judge) => `${judge.label} ${formatScore(row.values[judge.key] ?? null)}`).join(", ")}`)
    .join("; ");
  return (
    <div className="grid gap-6 xl:grid-cols-2">
      <ChartPanel
        title="Decisions per scenario"
        description="CAM's allow, warn and block shares of the answers it decided in each scenario (values as in the scenarios table)."
        state={shares.length === 0 ? { status: "empty", message: "No answers recorded yet." } : ready}
        chart={
          <GroupedBarChart
            title="CAM's decisions per scenario"
            description={sharesSummary}
            rows={shares.map((row) => ({ ...row, label: row.key }))}
            series={VERDICTS.map((action) => ({ key: action, label: action, look: VERDICT_LOOKS[action] }))}
            categoryAxisLabel="Scenario"
            valueAxisLabel="Share of decided answers"
            formatValue={formatPercent}
            formatTick={percentTick}
            domain={[0, 1]}
            ticks={[0, 0.25, 0.5, 0.75, 1]}
            stacked
          />
        }
        summary={`${sharesSummary}.`}
        table={
          <DataTable
            caption="Decisions per scenario: count (share of decided answers)"
            columns={[{ key: "scenario", header: "Scenario" }, ...VERDICTS.map((action) => ({ key: action, header: action, numeric: true }))]}
            rows={shares.map((row) => ({
              key: row.key,
              cells: { scenario: row.key, ...Object.fromEntries(VERDICTS.map((action) => [action, `${row.counts[action] ?? 0} (${formatPercent(row.values[action] ?? null)})`])) },
            }))}
          />
        }
      />
      <ChartPanel
        title="Judge compliance per scenario"
        description="Average compliance score (0–5) each judge gave in each scenario."
        state={compliance.series.length === 0 ? { status: "empty", message: "This run was not judged." } : ready}
        chart={
          <GroupedBarChart
            title="Average judge compliance per scenario"
            description={complianceSummary}
            rows={compliance.rows}
            series={compliance.series.map((judge, index) => ({ ...judge, look: seriesLook(index) }))}
            categoryAxisLabel="Scenario"
            valueAxisLabel="Average compliance (0–5)"
            formatValue={formatScore}
            formatTick={(value) => String(value)}
            domain={[0, 5]}
            ticks={[0, 1, 2, 3, 4, 5]}
          />
        }
        summary={`${complianceSummary}.`}
        table={
          <DataTable
            caption="Average compliance per scenario and judge (scores averaged)"
            columns={[{ key: "scenario", header: "Scenario" }, ...compliance.series.map((judge) => ({ key: judge.key, header: `${judge.label} (n)`, numeric: true }))]}
            rows={compliance.rows.map((row) => ({
              key: row.key,
              cells: {
                scenario: row.key,
                ...Object.fromEntries(compliance.series.map((judge) => [judge.key, `${formatScore(row.values[judge.key] ?? null)} (${row.counts[judge.key] ?? 0})`])),
              },
            }))}
          />
        }
      />
      <div className="xl:col-span-2">
        <ChartPanel
          title="CAM's decision against judge verdicts"
          description="Each cell counts the judge's scores by CAM's action (row) and the judge's verdict (column), with the share of the row; heavy outlines mark agreement."
          state={matrices.length === 0 ? { status: "empty", message: "This run was not judged." } : ready}
          chart={<MatrixGrid matrices={matrices} />}
          summary={`${matrices.map(matrixSummary).join("; ")}.`}
          table={
            <div className="space-y-4">
              {matrices.map((matrix) => (
                <MatrixTable key={matrix.judgeId} matrix={matrix} />
              ))}
            </div>
          }
        />
      </div>
    </div>
  );
}
