import { VerdictBadge } from "@/components/audit/decision-badge";
import { formatDuration } from "@/components/audit/format";
import type { ExchangeDetail } from "@/lib/audit/get-exchange-detail";

/** Each judge's scores and reasoning, or why it could not score; judges still working are named. */
export function JudgeScoresPanel({ scores, pending }: { scores: ExchangeDetail["judgeScores"]; pending: string[] }) {
  return (
    <div className="space-y-3">
      {scores.length === 0 && pending.length === 0 && <p className="text-sm text-slate-700">No judge scored this answer.</p>}
      {pending.length > 0 && (
        <p className="text-sm text-slate-700">Still scoring: {pending.join(", ")}. Reload the page to see their scores.</p>
      )}
      <ul className="space-y-3">
        {scores.map((score) => (
          <li key={score.id} className="rounded-md border border-slate-200 p-3">
            <div className="flex flex-wrap items-center gap-2">
              <span className="text-sm font-medium text-slate-900">{score.judgeId}</span>
              <span className="text-xs text-slate-600">{score.judgeModel}</span>
              <VerdictBadge verdict={score.status === "scored" ? score.verdict : null} compliance={score.compliance} />
            </div>
            {score.status === "scored" ? (
              <dl className="mt-2 grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-4">
                <div>
                  <dt className="text-xs text-slate-600">Compliance</dt>
                  <dd className="text-slate-900">{score.compliance ?? "–"} / 5</dd>
                </div>
                <div>
                  <dt className="text-xs text-slate-600">Helpfulness</dt>
                  <dd className="text-slate-900">{score.helpfulness ?? "–"} / 5</dd>
                </div>
                <div>
                  <dt className="text-xs text-slate-600">Attempts</dt>
                  <dd className="text-slate-900">{score.attempts}</dd>
                </div>
                <div>
                  <dt className="text-xs text-slate-600">Took</dt>
                  <dd className="text-slate-900">{score.latencyMs === null ? "–" : formatDuration(score.latencyMs)}</dd>
                </div>
              </dl>
            ) : (
              <p className="mt-2 text-sm text-slate-800">
                Unscored after {score.attempts} attempt{score.attempts === 1 ? "" : "s"}: {score.error ?? "no reason recorded"}
              </p>
            )}
            {score.reasoning && <p className="mt-2 whitespace-pre-wrap break-words text-sm text-slate-800">{score.reasoning}</p>}
          </li>
        ))}
      </ul>
    </div>
  );
}
