"use client";

import { Badge, type Tone } from "@/components/ui/badge";
import { Disclosure } from "@/components/ui/disclosure";
import type { JudgeScores, JudgeScoreView } from "@/lib/schemas/conversations";
import { useJudgeScores } from "./playground-queries";

const verdictTones: Record<NonNullable<JudgeScoreView["verdict"]>, Tone> = { allow: "good", warn: "warn", block: "bad" };
const verdictLabels: Record<NonNullable<JudgeScoreView["verdict"]>, string> = { allow: "allow", warn: "warn", block: "block" };

const outOfFive = (value: number | null) => (value === null ? "–" : `${Number(value.toFixed(1))}/5`);

function JudgeScoreItem({ score }: { score: JudgeScoreView }) {
  const name = (
    <>
      <span className="font-medium text-slate-900">{score.judgeId}</span> <span className="text-slate-600">({score.judgeModel})</span>
    </>
  );
  if (score.status === "unscored") {
    return (
      <li className="text-sm text-slate-800">
        {name}: <Badge>unscored</Badge> <span className="text-slate-700">{score.error ?? "no reason recorded"}</span>
      </li>
    );
  }
  return (
    <li className="text-sm text-slate-800">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <span>{name}</span>
        <span>Helpfulness {outOfFive(score.helpfulness)}</span>
        <span>Compliance {outOfFive(score.compliance)}</span>
        {score.verdict && (
          <span>
            Verdict <Badge tone={verdictTones[score.verdict]}>{verdictLabels[score.verdict]}</Badge>
          </span>
        )}
      </div>
      {score.reasoning && (
        <Disclosure label={`${score.judgeId}'s reasoning`} className="mt-1">
          <p className="whitespace-pre-wrap break-words text-sm text-slate-700">{score.reasoning}</p>
        </Disclosure>
      )}
    </li>
  );
}

/** The judges' scores of one answer, filled in as each judge finishes. */
export function JudgeScoresSection({ exchangeId, initial }: { exchangeId: string; initial: JudgeScores }) {
  const { data, error, stopped } = useJudgeScores(exchangeId, initial);
  const waiting = data.pending.filter((judgeId) => !data.scores.some((score) => score.judgeId === judgeId));
  if (data.scores.length === 0 && waiting.length === 0) return null;
  return (
    <div className="border-t border-slate-200 pt-3">
      <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-700">Judge scores</h4>
      <ul aria-live="polite" className="mt-1.5 space-y-1.5">
        {data.scores.map((score) => (
          <JudgeScoreItem key={`${score.judgeId}-${score.createdAt}`} score={score} />
        ))}
        {waiting.map((judgeId) => (
          <li key={judgeId} className="flex items-center gap-2 text-sm text-slate-700">
            <span aria-hidden className="h-3 w-3 animate-spin rounded-full border-2 border-slate-300 border-t-slate-700 motion-reduce:animate-none" />
            {judgeId} is scoring this answer…
          </li>
        ))}
      </ul>
      {waiting.length > 0 && stopped && (
        <p className="mt-1 text-xs text-slate-700">The judges are taking longer than usual; their scores will show when you open this conversation again.</p>
      )}
      {error && <p className="mt-1 text-xs text-red-800">The judge scores could not be refreshed: {error.message}</p>}
    </div>
  );
}
