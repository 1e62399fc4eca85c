import { Disclosure } from "@/components/ui/disclosure";
import type { TurnLatency } from "@/lib/schemas/conversations";
import { formatMs } from "./format";

const stages: { key: keyof Omit<TurnLatency, "totalMs">; label: string }[] = [
  { key: "retrievalMs", label: "Retrieving passages" },
  { key: "generationMs", label: "The model answering" },
  { key: "checkingMs", label: "Checking the answer" },
  { key: "auditMs", label: "Recording the exchange" },
];

/** How long the answer took, with the time per stage on request. */
export function LatencyDetails({ latency, failed = false }: { latency: TurnLatency; failed?: boolean }) {
  return (
    <Disclosure label={`${failed ? "Failed after" : "Answered in"} ${formatMs(latency.totalMs)}`}>
      <dl className="grid max-w-xs grid-cols-[1fr_auto] gap-x-6 gap-y-0.5 text-sm">
        {stages.map(({ key, label }) => (
          <div key={key} className="contents">
            <dt className="text-slate-700">{label}</dt>
            <dd className="text-right tabular-nums text-slate-900">{formatMs(latency[key])}</dd>
          </div>
        ))}
        <div className="contents font-medium">
          <dt className="text-slate-900">Total</dt>
          <dd className="text-right tabular-nums text-slate-900">{formatMs(latency.totalMs)}</dd>
        </div>
      </dl>
    </Disclosure>
  );
}
