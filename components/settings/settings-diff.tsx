import type { SettingChange } from "@/lib/config/diff-settings";

const replayNote: Record<SettingChange["replay"], string> = {
  replayed: "re-checked in the preview",
  approximated: "approximated in the preview",
  judges: "judge verdicts recomputed",
  "not-replayed": "new questions only",
};

/** Settings that differ between two versions, with lists shown as entries added and removed. */
export function SettingsDiffView({ changes, fromLabel, toLabel }: { changes: SettingChange[]; fromLabel: string; toLabel: string }) {
  if (changes.length === 0) return <p className="text-sm text-slate-700">The two versions have the same settings.</p>;
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full min-w-[36rem] border-collapse text-sm">
        <caption className="sr-only">
          Settings changed from {fromLabel} to {toLabel}
        </caption>
        <thead>
          <tr className="border-b border-slate-200 text-left text-slate-700">
            <th scope="col" className="p-2 font-medium">Setting</th>
            <th scope="col" className="p-2 font-medium">{fromLabel}</th>
            <th scope="col" className="p-2 font-medium">{toLabel}</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((change) => (
            <tr key={change.path} className="border-b border-slate-100 align-top">
              <th scope="row" className="p-2 text-left font-medium text-slate-900">
                {change.label}
                <span className="block text-xs font-normal text-slate-600">{replayNote[change.replay]}</span>
              </th>
              {change.added || change.removed ? (
                <td colSpan={2} className="p-2 text-slate-800">
                  {change.added?.length ? <p><span className="font-medium">Added:</span> {change.added.join(", ")}</p> : null}
                  {change.removed?.length ? <p><span className="font-medium">Removed:</span> {change.removed.join(", ")}</p> : null}
                  {!change.added?.length && !change.removed?.length && <p>Same entries in a new order.</p>}
                </td>
              ) : (
                <>
                  <td className="break-words p-2 text-slate-800"><del className="decoration-red-700">{change.before}</del></td>
                  <td className="break-words p-2 font-medium text-slate-900"><ins className="no-underline">{change.after}</ins></td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
