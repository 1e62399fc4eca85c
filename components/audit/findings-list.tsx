import { Badge, type Tone } from "@/components/ui/badge";
import type { ExchangeDetail } from "@/lib/audit/get-exchange-detail";
import type { Severity } from "@/lib/generated/sqlite/enums";

const severityTones: Record<Severity, Tone> = { block: "bad", warn: "warn", info: "info" };

/** The rules that fired: rule and version, severity, message, clauses and the (redacted) evidence. */
export function FindingsList({ findings }: { findings: ExchangeDetail["findings"] }) {
  if (findings.length === 0) return <p className="text-sm text-slate-700">No rule fired on this answer.</p>;
  return (
    <ul className="divide-y divide-slate-100">
      {findings.map((finding) => (
        <li key={finding.id} className="py-3 first:pt-0 last:pb-0">
          <div className="flex flex-wrap items-center gap-2">
            <Badge tone={severityTones[finding.severity]}>{finding.severity}</Badge>
            <code className="text-sm font-medium text-slate-900">{finding.ruleId}</code>
            <span className="text-xs text-slate-600">rule version {finding.ruleVersion}</span>
          </div>
          <p className="mt-1 text-sm text-slate-800">{finding.message}</p>
          {finding.clauses.length > 0 && <p className="mt-1 text-xs text-slate-700">Clauses: {finding.clauses.join(", ")}</p>}
          {finding.evidence && (
            <blockquote className="mt-2 whitespace-pre-wrap break-words border-l-4 border-slate-300 bg-slate-50 px-3 py-2 text-sm text-slate-800">
              <span className="sr-only">Evidence: </span>
              {finding.evidence}
            </blockquote>
          )}
        </li>
      ))}
    </ul>
  );
}
