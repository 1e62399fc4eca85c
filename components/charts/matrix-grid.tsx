import { DataTable } from "@/components/charts/data-table";
import { formatPercent } from "@/components/charts/format-chart-values";
import { MatrixHeatmap } from "@/components/charts/matrix-heatmap";
import type { DecisionMatrix, MatrixColumn } from "@/lib/dashboard/dashboard-types";

const COLUMNS: MatrixColumn[] = ["allow", "warn", "block", "unscored"];

/** One sentence per judge: how often it agreed with CAM. */
export function matrixSummary(matrix: DecisionMatrix): string {
  return `${matrix.judgeId} scored ${matrix.total} answers and agreed with CAM's decision on ${formatPercent(matrix.agreement)} of those it gave a verdict`;
}

/** A judge's matrix as a table: counts and row shares. */
export function MatrixTable({ matrix }: { matrix: DecisionMatrix }) {
  return (
    <DataTable
      caption={`${matrix.judgeId}: CAM's action (rows) by the judge's verdict (columns), count and share of the row`}
      columns={[{ key: "action", header: "CAM's action" }, ...COLUMNS.map((column) => ({ key: column, header: `Judge: ${column}`, numeric: true })), { key: "total", header: "Total", numeric: true }]}
      rows={matrix.rows.map((row) => ({
        key: row.action,
        cells: {
          action: row.action,
          ...Object.fromEntries(COLUMNS.map((column) => [column, `${row.counts[column]} (${formatPercent(row.shares[column])})${column === row.action ? " agrees" : ""}`])),
          total: row.total,
        },
      }))}
    />
  );
}

/** The matrices of every judge, side by side only where the panel (not the window) is wide enough for the cells' text to stay legible. */
export function MatrixGrid({ matrices }: { matrices: DecisionMatrix[] }) {
  return (
    <div className="@container">
      <div className="grid gap-4 @2xl:grid-cols-2">
        {matrices.map((matrix) => (
          <div key={matrix.judgeId} className="min-w-0">
            <h3 className="mb-1 text-sm font-semibold text-slate-900">{matrix.judgeId}</h3>
            <MatrixHeatmap matrix={matrix} title={`CAM's action by ${matrix.judgeId}'s verdict`} description={`${matrixSummary(matrix)}.`} />
          </div>
        ))}
      </div>
    </div>
  );
}
