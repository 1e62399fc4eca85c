import type { ChartRow, DecisionMatrix, MatrixColumn, SeriesInfo } from "@/lib/dashboard/dashboard-types";
import type { RunMetrics } from "@/lib/pipeline/evaluation/metrics-types";
import { rateOf } from "@/lib/pipeline/evaluation/statistics";
import { VERDICTS } from "@/lib/pipeline/evaluation/types";

// A run's metrics as chart series for the run page, in the shapes the
// dashboard's charts take. Pure.

const COLUMNS: MatrixColumn[] = [...VERDICTS, "unscored"];

/** CAM's allow, warn and block shares per scenario. */
export function decisionSharesByScenario(metrics: RunMetrics): ChartRow[] {
  return metrics.scenarios.map((scenario) => ({
    key: scenario.scenarioId,
    label: scenario.scenarioId,
    values: { ...scenario.rates },
    counts: { ...scenario.counts },
  }));
}

/** Average compliance per scenario, one series per judge. */
export function complianceByScenario(metrics: RunMetrics): { series: SeriesInfo[]; rows: ChartRow[] } {
  const series = metrics.judges.map((judge) => ({ key: judge.judgeId, label: judge.judgeId }));
  const rows = metrics.scenarios.map((scenario) => {
    const values: Record<string, number | null> = {};
    const counts: Record<string, number> = {};
    for (const judge of metrics.judges) {
      const stats = judge.byScenario.find((entry) => entry.scenarioId === scenario.scenarioId);
      values[judge.judgeId] = stats?.compliance.average ?? null;
      counts[judge.judgeId] = stats?.compliance.n ?? 0;
    }
    return { key: scenario.scenarioId, label: scenario.scenarioId, values, counts };
  });
  return { series, rows };
}

/** Each judge's confusion matrix (CAM's action × verdict) in the dashboard's matrix shape. */
export function runDecisionMatrices(metrics: RunMetrics): DecisionMatrix[] {
  return metrics.judges.map((judge) => {
    const rows = VERDICTS.map((action) => {
      const counts = { ...judge.confusion[action] };
      const total = COLUMNS.reduce((sum, column) => sum + counts[column], 0);
      const shares = Object.fromEntries(COLUMNS.map((column) => [column, rateOf(counts[column], total)])) as Record<MatrixColumn, number | null>;
      return { action, total, counts, shares };
    });
    const withVerdict = rows.reduce((sum, row) => sum + row.total - row.counts.unscored, 0);
    const agreed = rows.reduce((sum, row) => sum + row.counts[row.action], 0);
    return { judgeId: judge.judgeId, total: judge.count, rows, agreement: rateOf(agreed, withVerdict) };
  });
}
