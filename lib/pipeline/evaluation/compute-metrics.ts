import { cohenKappa } from "@/lib/pipeline/evaluation/cohen-kappa";
import { computeJudgeStats, type JudgedAction } from "@/lib/pipeline/evaluation/judge-stats";
import type { JudgeAgreement, JudgeMetrics, RunMetrics, ScenarioMetrics } from "@/lib/pipeline/evaluation/metrics-types";
import { compareText } from "@/lib/pipeline/evaluation/order-exchanges";
import { rateOf, summariseLatency } from "@/lib/pipeline/evaluation/statistics";
import type { EvaluatedExchange, Verdict } from "@/lib/pipeline/evaluation/types";

export type * from "@/lib/pipeline/evaluation/metrics-types";

// A batch evaluation run's metrics, per scenario, per judge (and judge ×
// scenario) and between judges, from its stored exchanges. Failed exchanges
// (with an error) count as failed and nowhere else: they have no answer to
// judge and no decision to compare with. Pure.

/** Whether the exchange failed (has an error). A loader may give a missing error as null rather than undefined: both mean it did not. */
export const isFailedExchange = (exchange: EvaluatedExchange) => exchange.error != null;

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

function computeScenarioMetrics(scenarioId: string, exchanges: readonly EvaluatedExchange[]): ScenarioMetrics {
  const decided = exchanges.filter((exchange) => !isFailedExchange(exchange));
  const counts = { allow: 0, warn: 0, block: 0 };
  for (const exchange of decided) counts[exchange.action] += 1;
  const retrieval = exchanges.some((exchange) => exchange.retrieval);
  // A blocked answer is withheld, so its citations are never shown: only shown retrieval answers count.
  const eligible = decided.filter((exchange) => exchange.retrieval && exchange.action !== "block");
  const cited = eligible.filter((exchange) => exchange.citedRanks.length > 0).length;
  return {
    scenarioId,
    model: [...new Set(exchanges.map((exchange) => exchange.model))].sort(compareText).join(", "),
    retrieval,
    total: exchanges.length,
    failed: exchanges.length - decided.length,
    decided: decided.length,
    counts,
    rates: { allow: rateOf(counts.allow, decided.length), warn: rateOf(counts.warn, decided.length), block: rateOf(counts.block, decided.length) },
    latency: summariseLatency(decided.map((exchange) => exchange.totalMs)),
    citation: retrieval ? { eligible: eligible.length, cited, rate: rateOf(cited, eligible.length) } : null,
  };
}

function computeJudgeMetrics(options: { judgeId: string; entries: (JudgedAction & { scenarioId: string })[]; scenarioIds: string[]; passAtLeast: number }): JudgeMetrics {
  const { judgeId, entries, scenarioIds, passAtLeast } = options;
  return {
    judgeId,
    judgeModels: [...new Set(entries.map((entry) => entry.score.judgeModel))].sort(compareText),
    ...computeJudgeStats(entries, passAtLeast),
    byScenario: scenarioIds.map((scenarioId) => ({
      scenarioId,
      ...computeJudgeStats(entries.filter((entry) => entry.scenarioId === scenarioId), passAtLeast),
    })),
  };
}

/** A judge's verdict on an exchange: its first scored score with a verdict (a judge normally scores an exchange once). */
function verdictOf(exchange: EvaluatedExchange, judgeId: string): Verdict | undefined {
  return exchange.judgeScores.find((score) => score.judgeId === judgeId && score.status === "scored" && score.verdict)?.verdict;
}

function computeAgreement(decided: readonly EvaluatedExchange[], judgeIds: readonly string[]): JudgeAgreement[] {
  const agreement: JudgeAgreement[] = [];
  judgeIds.forEach((judgeA, index) => {
    for (const judgeB of judgeIds.slice(index + 1)) {
      const pairs: [Verdict, Verdict][] = [];
      for (const exchange of decided) {
        const first = verdictOf(exchange, judgeA);
        const second = verdictOf(exchange, judgeB);
        if (first && second) pairs.push([first, second]);
      }
      agreement.push({ judgeA, judgeB, ...cohenKappa(pairs) });
    }
  });
  return agreement;
}

/** Metrics of a run; `passAtLeast` is the compliance score (0–5) from which a judge's score passes (4 by default in the pipeline). */
export function computeRunMetrics(exchanges: EvaluatedExchange[], options: { passAtLeast: number }): RunMetrics {
  const scenarioGroups = groupBy(exchanges, (exchange) => exchange.scenarioId);
  const scenarioIds = [...scenarioGroups.keys()].sort(compareText);
  const decided = exchanges.filter((exchange) => !isFailedExchange(exchange));
  const judged = decided.flatMap((exchange) =>
    exchange.judgeScores.map((score) => ({ action: exchange.action, scenarioId: exchange.scenarioId, score })),
  );
  const judgeGroups = groupBy(judged, (entry) => entry.score.judgeId);
  const judgeIds = [...judgeGroups.keys()].sort(compareText);
  return {
    options: { passAtLeast: options.passAtLeast },
    totals: {
      exchanges: exchanges.length,
      failed: exchanges.length - decided.length,
      decided: decided.length,
      questions: new Set(exchanges.map((exchange) => exchange.questionIndex)).size,
    },
    scenarios: scenarioIds.map((scenarioId) => computeScenarioMetrics(scenarioId, scenarioGroups.get(scenarioId) ?? [])),
    judges: judgeIds.map((judgeId) =>
      computeJudgeMetrics({ judgeId, entries: judgeGroups.get(judgeId) ?? [], scenarioIds, passAtLeast: options.passAtLeast }),
    ),
    agreement: computeAgreement(decided, judgeIds),
  };
}
