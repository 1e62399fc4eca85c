import { ActionBadge } from "@/components/rules/action-badge";
import { type RulePackDiff, describeCheck, hasRuleChanges } from "@/lib/config/diff-rule-packs";

/** Rules added, removed and changed (field by field) between two packs. */
export function RulePackDiffView({ diff, fromLabel, toLabel }: { diff: RulePackDiff; fromLabel: string; toLabel: string }) {
  if (!hasRuleChanges(diff)) return <p className="text-sm text-slate-700">The two packs have the same rules.</p>;
  return (
    <div className="space-y-4 text-sm">
      {diff.changed.length > 0 && (
        <section aria-label="Changed rules">
          <h4 className="font-semibold text-slate-900">Changed ({diff.changed.length})</h4>
          <ul className="mt-2 space-y-3">
            {diff.changed.map((change) => (
              <li key={change.id} className="rounded-md border border-slate-200 bg-white">
                <p className="border-b border-slate-100 px-3 py-2 font-mono text-slate-900">{change.id}</p>
                <div className="overflow-x-auto">
                  <table className="w-full border-collapse text-sm">
                    <caption className="sr-only">Changes to {change.id}</caption>
                    <thead>
                      <tr className="text-left text-xs text-slate-700">
                        <th scope="col" className="w-28 px-3 py-1 font-medium">Field</th>
                        <th scope="col" className="px-3 py-1 font-medium">{fromLabel}</th>
                        <th scope="col" className="px-3 py-1 font-medium">{toLabel}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {change.fields.map((field) => (
                        <tr key={field.field} className="border-t border-slate-100 align-top">
                          <th scope="row" className="px-3 py-1.5 text-left font-medium text-slate-800">{field.field}</th>
                          <td className="break-all px-3 py-1.5 text-slate-800"><del className="decoration-red-700">{field.before}</del></td>
                          <td className="break-all px-3 py-1.5 text-slate-900"><ins className="no-underline font-medium">{field.after}</ins></td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </li>
            ))}
          </ul>
        </section>
      )}
      {diff.added.length > 0 && (
        <section aria-label="Added rules">
          <h4 className="font-semibold text-slate-900">Added ({diff.added.length})</h4>
          <ul className="mt-2 space-y-1">
            {diff.added.map((rule) => (
              <li key={rule.id} className="flex flex-wrap items-center gap-2 rounded-md border border-green-200 bg-green-50 px-3 py-2">
                <span className="font-mono text-slate-900">+ {rule.id}</span> <ActionBadge action={rule.severity} />
                <span className="break-all text-xs text-slate-700">{describeCheck(rule.check)}{rule.enabled ? "" : " (off)"}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {diff.removed.length > 0 && (
        <section aria-label="Removed rules">
          <h4 className="font-semibold text-slate-900">Removed ({diff.removed.length})</h4>
          <ul className="mt-2 space-y-1">
            {diff.removed.map((rule) => (
              <li key={rule.id} className="rounded-md border border-red-200 bg-red-50 px-3 py-2 font-mono text-slate-900">
                − {rule.id}
              </li>
            ))}
          </ul>
        </section>
      )}
      {diff.reordered && <p className="text-slate-700">The order of the rules changes (findings are listed in pack order).</p>}
    </div>
  );
}
