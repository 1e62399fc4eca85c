import type { ReactNode } from "react";

export type DataColumn = { key: string; header: string; numeric?: boolean };
export type DataRow = { key: string; cells: Record<string, ReactNode>; highlight?: boolean };

/**
 * The numbers behind a chart as a table: a caption, column headers, the first
 * column as row headers. A wide table scrolls inside its own box, which can
 * be focused so keyboard users can scroll it too.
 */
export function DataTable({ caption, columns, rows }: { caption: string; columns: DataColumn[]; rows: DataRow[] }) {
  return (
    <div role="group" aria-label={caption} tabIndex={0} className="overflow-x-auto [contain:inline-size]">
      <table className="w-full border-collapse text-sm">
        <caption className="mb-2 text-left text-xs text-slate-600">{caption}</caption>
        <thead>
          <tr className="border-b border-slate-300 text-slate-700">
            {columns.map((column) => (
              <th key={column.key} scope="col" className={`px-2 py-1.5 font-medium ${column.numeric ? "text-right" : "text-left"}`}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} className={`border-b border-slate-100 ${row.highlight ? "bg-red-50 font-medium" : ""}`}>
              {columns.map((column, index) =>
                index === 0 ? (
                  <th key={column.key} scope="row" className="px-2 py-1.5 text-left font-medium text-slate-900">
                    {row.cells[column.key]}
                  </th>
                ) : (
                  <td key={column.key} className={`px-2 py-1.5 text-slate-800 ${column.numeric ? "text-right tabular-nums" : ""}`}>
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
