import { formatPercent, formatScore } from "@/components/charts/format-chart-values";
import type { RunHeadline as Headline } from "@/lib/runs/run-types";

/** Allow, warn and block rates per scenario. */
export function ScenarioRates({ headline }: { headline: Headline | null }) {
  if (!headline) return <span className="text-xs text-slate-600">When the run finishes</span>;
  return (
    <ul className="space-y-0.5 text-xs text-slate-800">
      {headline.scenarios.map((scenario) => (
        <li key={scenario.scenarioId}>
          <span className="font-semibold">{scenario.scenarioId}</span>: allow {formatPercent(scenario.rates.allow)} · warn {formatPercent(scenario.rates.warn)} · block{" "}
          {formatPercent(scenario.rates.block)}
        </li>
      ))}
    </ul>
  );
}

/** Each judge's average compliance score. */
export function JudgeAverages({ headline }: { headline: Headline | null }) {
  if (!headline) return <span className="text-xs text-slate-600">When the run finishes</span>;
  if (headline.judges.length === 0) return <span className="text-xs text-slate-600">Not judged</span>;
  return (
    <ul className="space-y-0.5 text-xs text-slate-800">
      {headline.judges.map((judge) => (
        <li key={judge.judgeId}>
          <span className="font-semibold">{judge.judgeId}</span>: {formatScore(judge.complianceAverage)}/5 ({judge.scored} scored)
        </li>
      ))}
    </ul>
  );
}
