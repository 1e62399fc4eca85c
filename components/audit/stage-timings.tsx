import { formatDuration, stageNames } from "@/components/audit/format";
import type { ExchangeDetail } from "@/lib/audit/get-exchange-detail";

/** Time per pipeline stage as a table with a bar per row (the bar is decoration; the numbers carry the meaning). */
export function StageTimings({ stages, totalMs }: { stages: ExchangeDetail["stages"]; totalMs: number }) {
  const longest = Math.max(1, ...stages.map((stage) => stage.ms));
  return (
    <table className="w-full text-sm">
      <caption className="sr-only">Milliseconds spent in each stage</caption>
      <thead>
        <tr className="text-left text-xs text-slate-600">
          <th scope="col" className="pb-1 font-medium">
            Stage
          </th>
          <th scope="col" className="pb-1 text-right font-medium">
            Time
          </th>
          <th scope="col" className="w-2/5 pb-1 font-medium">
            <span className="sr-only">Share of the longest stage</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {stages.map((stage) => (
          <tr key={stage.stage}>
            <th scope="row" className="py-1 pr-2 text-left font-normal text-slate-800">
              {stageNames[stage.stage] ?? stage.stage}
            </th>
            <td className="whitespace-nowrap py-1 pr-3 text-right tabular-nums text-slate-900">{formatDuration(stage.ms)}</td>
            <td className="py-1">
              <div aria-hidden className="h-2 rounded-full bg-slate-100">
                <div className="h-2 rounded-full bg-blue-700" style={{ width: `${Math.max(1, (stage.ms / longest) * 100)}%` }} />
              </div>
            </td>
          </tr>
        ))}
        <tr className="border-t border-slate-200">
          <th scope="row" className="pt-1 pr-2 text-left font-semibold text-slate-900">
            Total
          </th>
          <td className="whitespace-nowrap pt-1 pr-3 text-right font-semibold tabular-nums text-slate-900">{formatDuration(totalMs)}</td>
          <td />
        </tr>
      </tbody>
    </table>
  );
}
