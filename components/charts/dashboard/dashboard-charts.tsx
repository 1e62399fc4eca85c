"use client";

import { DecisionMatrixPanel } from "@/components/charts/dashboard/decision-matrix-panel";
import { DecisionTrendPanel } from "@/components/charts/dashboard/decision-trend-panel";
import { LatencyTrendPanel } from "@/components/charts/dashboard/latency-trend-panel";
import { ScoreDistributionPanel } from "@/components/charts/dashboard/score-distribution-panel";
import { ScoreTrendPanel } from "@/components/charts/dashboard/score-trend-panel";
import { ScoresByGroupPanel } from "@/components/charts/dashboard/scores-by-group-panel";
import type { DashboardFilters } from "@/lib/dashboard/dashboard-filters";

/** Every dashboard chart for the filters; each loads its own series, so one slow or failing chart does not hold up the others. */
export function DashboardCharts({ filters, judgeOrder }: { filters: DashboardFilters; judgeOrder: string[] }) {
  return (
    <div className="grid gap-6 xl:grid-cols-2">
      <DecisionTrendPanel filters={filters} />
      <ScoreTrendPanel filters={filters} judgeOrder={judgeOrder} />
      <ScoreDistributionPanel filters={filters} judgeOrder={judgeOrder} />
      <ScoresByGroupPanel filters={filters} judgeOrder={judgeOrder} />
      <DecisionMatrixPanel filters={filters} />
      <LatencyTrendPanel filters={filters} />
    </div>
  );
}
