"use client";

import { ChartPanel } from "@/components/charts/chart-panel";
import { MatrixGrid, MatrixTable, matrixSummary } from "@/components/charts/matrix-grid";
import { chartStateOf, useDashboardChart } from "@/components/charts/dashboard/use-dashboard-chart";
import type { DashboardFilters } from "@/lib/dashboard/dashboard-filters";
import type { DecisionMatrixData } from "@/lib/dashboard/dashboard-types";

/** CAM's action × judge verdict, per judge. */
export function DecisionMatrixPanel({ filters }: { filters: DashboardFilters }) {
  const query = useDashboardChart<DecisionMatrixData>("decision-matrix", filters);
  const matrices = query.data?.judges ?? [];
  const state = chartStateOf(query, (source) => source.judges.length === 0, "No judge scores match these filters.");
  return (
    <ChartPanel
      title="CAM's decision against judge verdicts"
      description="Each cell counts judge scores by CAM's action (row) and the judge's verdict (column), with the share of the row. Heavy outlines mark agreement; judge failures are in the unscored column. Darker cells hold a larger share of their row."
      state={state}
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
  );
}
