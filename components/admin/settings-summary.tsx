import type { Settings } from "@/lib/schemas/settings";

/** The thresholds in force, as label/value pairs. */
export function SettingsSummary({ settings }: { settings: Settings }) {
  const rows: [string, string][] = [
    ["Passages per question (top-k)", String(settings.retrieval.topK)],
    ["Minimum similarity", settings.retrieval.minSimilarity.toFixed(2)],
    ["Context budget", `${settings.retrieval.contextBudgetTokens.toLocaleString("en-AU")} tokens`],
    ["Judge allows at", `≥ ${settings.judges.allowAtLeast}`],
    ["Judge warns at", `≥ ${settings.judges.warnAtLeast}`],
    ["Crisis cues", `${settings.crisis.cues.length} phrases`],
    ["Longest question", `${settings.limits.maxQuestionChars.toLocaleString("en-AU")} characters`],
    ["Chat rate limit", `${settings.limits.chatRequestsPerMinute} per minute per user`],
  ];
  return (
    <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
      {rows.map(([label, value]) => (
        <div key={label} className="flex justify-between gap-4 border-b border-slate-100 py-1">
          <dt className="text-slate-700">{label}</dt>
          <dd className="font-medium text-slate-900">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
