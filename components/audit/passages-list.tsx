import { formatPercent } from "@/components/audit/format";
import type { ExchangeDetail } from "@/lib/audit/get-exchange-detail";

/** The retrieved passages in prompt order, with similarity; each text opens on demand. */
export function PassagesList({ passages, retrieval }: { passages: ExchangeDetail["passages"]; retrieval: boolean }) {
  if (passages.length === 0) {
    return <p className="text-sm text-slate-700">{retrieval ? "No passage passed the minimum similarity, or retrieval failed." : "This scenario answers without retrieval."}</p>;
  }
  return (
    <ol className="space-y-3">
      {passages.map((passage) => (
        <li key={passage.rank} className="rounded-md border border-slate-200 p-3">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <p className="text-sm font-medium text-slate-900">
              [{passage.rank}] {passage.label}
            </p>
            <p className="text-sm text-slate-700">
              similarity <span className="font-semibold">{formatPercent(passage.score)}</span>
            </p>
          </div>
          <p className="text-xs text-slate-600">
            {passage.sourceTitle} · <code>{passage.chunkId}</code>
          </p>
          <div aria-hidden className="mt-2 h-1.5 w-full rounded-full bg-slate-100">
            <div className="h-1.5 rounded-full bg-blue-700" style={{ width: formatPercent(Math.max(0, Math.min(1, passage.score))) }} />
          </div>
          <details className="mt-2">
            <summary className="cursor-pointer text-sm font-medium text-blue-800">Passage text</summary>
            <p className="mt-2 whitespace-pre-wrap break-words text-sm text-slate-800">{passage.text}</p>
          </details>
        </li>
      ))}
    </ol>
  );
}
