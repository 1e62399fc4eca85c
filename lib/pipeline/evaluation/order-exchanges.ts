import type { EvaluatedExchange, EvaluatedJudgeScore, RunSummary } from "@/lib/pipeline/evaluation/types";

// The order reports list exchanges and judge scores in, so that the JSON and
// HTML reports agree and do not depend on database order. Pure.

/** Position of `id` in the run's list, unknown ids after the known ones. */
const positionIn = (ids: readonly string[], id: string) => {
  const index = ids.indexOf(id);
  return index === -1 ? ids.length : index;
};

/** Code-unit order of two strings: the same on every machine, unlike localeCompare. */
export const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** By question, then scenario in the run's order (then id), then exchange id. */
export function orderExchanges(run: RunSummary, exchanges: readonly EvaluatedExchange[]): EvaluatedExchange[] {
  return [...exchanges].sort(
    (a, b) =>
      a.questionIndex - b.questionIndex ||
      positionIn(run.scenarioIds, a.scenarioId) - positionIn(run.scenarioIds, b.scenarioId) ||
      compareText(a.scenarioId, b.scenarioId) ||
      compareText(a.exchangeId, b.exchangeId),
  );
}

/** Judge scores in the run's judge order (then id); a judge's several scores keep their order. */
export function orderJudgeScores(run: RunSummary, scores: readonly EvaluatedJudgeScore[]): EvaluatedJudgeScore[] {
  return [...scores].sort(
    (a, b) => positionIn(run.judgeIds, a.judgeId) - positionIn(run.judgeIds, b.judgeId) || compareText(a.judgeId, b.judgeId),
  );
}
