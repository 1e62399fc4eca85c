import type { ReactNode } from "react";

export type MetricsColumn = { key: string; header: string; numeric?: boolean };

/** A captioned table of metrics; the first column names each row. */
export function MetricsTable({ caption, columns, rows }: { caption: string; columns: MetricsColumn[]; rows: { key: string; cells: Record<string, ReactNode> }[] }) {
  return (
    <div role="group" aria-label={caption} tabIndex={0} className="overflow-x-auto rounded-lg border border-slate-200 bg-white [contain:inline-size]">
      <table className="w-full border-collapse text-sm">
        <caption className="px-3 pt-3 text-left text-sm font-semibold text-slate-900">{caption}</caption>
        <thead>
          <tr className="border-b border-slate-200 text-slate-700">
            {columns.map((column) => (
              <th key={column.key} scope="col" className={`p-3 font-medium ${column.numeric ? "text-right" : "text-left"}`}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} className="border-b border-slate-100">
              {columns.map((column, index) =>
                index === 0 ? (
                  <th key={column.key} scope="row" className="p-3 text-left font-medium text-slate-900">
                    {row.cells[column.key]}
                  </th>
                ) : (
                  <td key={column.key} className={`p-3 text-slate-800 ${column.numeric ? "text-right tabular-nums" : ""}`}>
                    {row.cells[column.key]}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
