import { formatCount, formatMs, formatPercent, formatPointsDifference, formatScore, formatSignedDifference } from "@/components/charts/format-chart-values";
import type { ComparedEntry, ComparedMetric, MetricKind } from "@/lib/runs/compare-runs";

const FORMATS: Record<MetricKind, (value: number | null) => string> = { rate: formatPercent, score: formatScore, ms: formatMs, count: formatCount };

function differenceText(metric: ComparedMetric): string {
  if (metric.difference === null) return "–";
  if (metric.kind === "rate") return formatPointsDifference(metric.difference);
  return formatSignedDifference(metric.difference, (value) => FORMATS[metric.kind](value));
}

/** One scenario's or judge's metrics in runs A and B with the difference; notable differences are marked in words and by weight, not by colour alone. */
export function ComparisonTable({ entry }: { entry: ComparedEntry }) {
  const missing = !entry.inA ? " (not in run A)" : !entry.inB ? " (not in run B)" : "";
  return (
    <div role="group" aria-label={entry.label} tabIndex={0} className="overflow-x-auto rounded-lg border border-slate-200 bg-white [contain:inline-size]">
      <table className="w-full border-collapse text-sm">
        <caption className="px-3 pt-3 text-left text-sm font-semibold text-slate-900">
          {entry.label}
          {missing}
        </caption>
        <thead>
          <tr className="border-b border-slate-200 text-slate-700">
            <th scope="col" className="p-2 text-left font-medium">Metric</th>
            <th scope="col" className="p-2 text-right font-medium">Run A</th>
            <th scope="col" className="p-2 text-right font-medium">Run B</th>
            <th scope="col" className="p-2 text-right font-medium">B − A</th>
          </tr>
        </thead>
        <tbody>
          {entry.metrics.map((metric) => (
            <tr key={metric.label} className={`border-b border-slate-100 ${metric.notable ? "bg-amber-50 font-semibold" : ""}`}>
              <th scope="row" className="p-2 text-left font-medium text-slate-900">
                {metric.label}
              </th>
              <td className="p-2 text-right tabular-nums text-slate-800">{FORMATS[metric.kind](metric.a)}</td>
              <td className="p-2 text-right tabular-nums text-slate-800">{FORMATS[metric.kind](metric.b)}</td>
              <td className="p-2 text-right tabular-nums text-slate-900">
                {differenceText(metric)}
                {metric.notable && <span className="ml-1 rounded bg-amber-200 px-1 text-xs text-amber-950">notable</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
