import type { DecisionMatrix, MatrixColumn } from "@/lib/dashboard/dashboard-types";
import { formatPercent } from "@/lib/pipeline/evaluation/format-values";

// CAM's action × a judge's verdict as a grid of shaded cells. Recharts has no
// heatmap, so this is plain SVG drawn to a viewBox (it scales with the page).
// Every cell prints its count and row share, so the shading is only a
// reinforcement; cells where the judge agreed with CAM have a heavy outline.

const COLUMNS: MatrixColumn[] = ["allow", "warn", "block", "unscored"];
const CELL = { width: 72, height: 46 };
const LEFT = 84;
const TOP = 40;

// Blues from light to dark by row share; text is dark on the light ones and white on the dark ones (each pair at least 4.5:1).
const SHADES = [
  { upTo: 0.2, fill: "#eff6ff", text: "#0f172a" },
  { upTo: 0.4, fill: "#bfdbfe", text: "#0f172a" },
  { upTo: 0.6, fill: "#60a5fa", text: "#0f172a" },
  { upTo: 0.8, fill: "#1d4ed8", text: "#ffffff" },
  { upTo: 1, fill: "#1e3a8a", text: "#ffffff" },
];

const shadeOf = (share: number | null) => SHADES.find((shade) => (share ?? 0) <= shade.upTo + 1e-9) ?? (SHADES[4] as (typeof SHADES)[number]);

/** The matrix of one judge; `titleId`/`descriptionId` name the graphic for assistive technology. */
export function MatrixHeatmap({ matrix, title, description }: { matrix: DecisionMatrix; title: string; description: string }) {
  const width = LEFT + COLUMNS.length * CELL.width + 4;
  const height = TOP + matrix.rows.length * CELL.height + 4;
  return (
    <svg viewBox={`0 0 ${width} ${height}`} role="img" className="h-auto w-full max-w-md" style={{ fontFamily: "inherit" }}>
      <title>{title}</title>
      <desc>{description}</desc>
      <text x={LEFT + (COLUMNS.length * CELL.width) / 2} y={12} textAnchor="middle" fontSize={12} fill="#475569">
        Judge verdict
      </text>
      {COLUMNS.map((column, index) => (
        <text key={column} x={LEFT + index * CELL.width + CELL.width / 2} y={32} textAnchor="middle" fontSize={12} fontWeight={600} fill="#1f2937">
          {column}
        </text>
      ))}
      {matrix.rows.map((row, rowIndex) => (
        <g key={row.action}>
          <text x={LEFT - 8} y={TOP + rowIndex * CELL.height + CELL.height / 2 + 4} textAnchor="end" fontSize={12} fontWeight={600} fill="#1f2937">
            CAM {row.action}
          </text>
          {COLUMNS.map((column, columnIndex) => {
            const shade = shadeOf(row.shares[column]);
            const agrees = column === row.action;
            const x = LEFT + columnIndex * CELL.width;
            const y = TOP + rowIndex * CELL.height;
            return (
              <g key={column}>
                <rect
                  x={x + 2}
                  y={y + 2}
                  width={CELL.width - 4}
                  height={CELL.height - 4}
                  rx={4}
                  fill={shade.fill}
                  stroke={agrees ? "#0f172a" : "#cbd5e1"}
                  strokeWidth={agrees ? 3 : 1}
                />
                <text x={x + CELL.width / 2} y={y + 22} textAnchor="middle" fontSize={14} fontWeight={600} fill={shade.text}>
                  {row.counts[column]}
                </text>
                <text x={x + CELL.width / 2} y={y + 37} textAnchor="middle" fontSize={11} fill={shade.text}>
                  {row.total === 0 ? "–" : formatPercent(row.shares[column])}
                </text>
              </g>
            );
          })}
        </g>
      ))}
    </svg>
  );
}
