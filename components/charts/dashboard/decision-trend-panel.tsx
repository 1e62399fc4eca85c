"use client";

import { BUCKET_NAMES, bucketLabel, bucketSpan } from "@/components/charts/bucket-labels";
import { ChartPanel } from "@/components/charts/chart-panel";
import { VERDICT_LOOKS } from "@/components/charts/chart-theme";
import { DataTable } from "@/components/charts/data-table";
import { formatPercent, percentTick } from "@/components/charts/format-chart-values";
import { TrendLineChart } from "@/components/charts/trend-line-chart";
import { chartStateOf, useDashboardChart } from "@/components/charts/dashboard/use-dashboard-chart";
import type { DashboardFilters } from "@/lib/dashboard/dashboard-filters";
import type { DecisionTrendData } from "@/lib/dashboard/dashboard-types";
import { VERDICTS } from "@/lib/pipeline/evaluation/types";

const SERIES = VERDICTS.map((action) => ({ key: action, label: `${action} rate`, look: VERDICT_LOOKS[action] }));

/** The spike rule in words, from the numbers the server used. */
function spikeRuleText(rule: DecisionTrendData["rule"] | undefined, plural: string): string {
  if (!rule) return "";
  return (
    `A spike (ringed and labelled "spike") is a bucket whose block rate is above the mean block rate of the previous ${rule.baselineBuckets} ${plural} with answers ` +
    `by more than ${rule.standardDeviations} standard deviations and by at least ${Math.round(rule.minRise * 100)} percentage points, with at least ${rule.minBlocked} blocked answers; ` +
    `it needs ${rule.minBaselineBuckets} earlier ${plural} with answers to judge.`
  );
}

/** CAM's allow, warn and block rates per bucket with block-rate spikes marked. */
export function DecisionTrendPanel({ filters }: { filters: DashboardFilters }) {
  const query = useDashboardChart<DecisionTrendData>("decision-trend", filters);
  const data = query.data;
  const state = chartStateOf(query, (source) => source.rows.every((row) => row.decided === 0 && row.failed === 0), "No questions were answered in this range with these filters.");
  const names = BUCKET_NAMES[filters.bucket];
  const rows = (data?.rows ?? []).map((row, index) => {
    const bucket = data?.buckets[index];
    return { ...row, label: bucket ? bucketLabel(bucket, filters.bucket) : row.key, span: bucket ? bucketSpan(bucket) : "" };
  });
  const chartRows = rows.map((row) => ({ key: row.key, label: row.label, values: row.rates, counts: row.counts }));
  const decided = rows.reduce((sum, row) => sum + row.decided, 0);
  const blocked = rows.reduce((sum, row) => sum + row.counts.block, 0);
  const spikes = rows.filter((row) => row.spike);
  const spikeText =
    spikes.length === 0
      ? "No block-rate spikes."
      : `Block-rate spikes: ${spikes.map((row) => `${row.label} (${formatPercent(row.rates.block)} blocked; usual ${formatPercent(row.baseline?.mean ?? null)})`).join(", ")}.`;
  const summary = `${decided} answers decided, ${formatPercent(decided === 0 ? null : blocked / decided)} of them blocked. ${spikeText}`;
  return (
    <ChartPanel
      title="Allow, warn and block rates"
      description={
        <>
          <p>
            CAM&apos;s decisions as shares of the answers it decided per {names.plural.replace(/s$/, "")} (failed questions are counted apart). The judge filter does not
            apply: these are CAM&apos;s own decisions.
          </p>
          <p className="mt-1">{spikeRuleText(data?.rule, names.plural)}</p>
        </>
      }
      state={state}
      chart={
        <TrendLineChart
          title="Allow, warn and block rates over time"
          description={summary}
          rows={chartRows}
          series={SERIES}
          xAxisLabel={names.axis}
          yAxisLabel="Share of decided answers"
          formatValue={formatPercent}
          formatTick={percentTick}
          domain={[0, 1]}
          ticks={[0, 0.25, 0.5, 0.75, 1]}
          markers={spikes.map((row) => ({ rowKey: row.key, seriesKey: "block", label: "spike", colour: VERDICT_LOOKS.block.colour }))}
        />
      }
      summary={summary}
      table={
        <DataTable
          caption="Decisions per bucket: counts, rates over decided answers, failures and spikes"
          columns={[
            { key: "bucket", header: names.axis },
            { key: "span", header: "Covers (your time)" },
            { key: "decided", header: "Decided", numeric: true },
            { key: "allow", header: "Allow", numeric: true },
            { key: "warn", header: "Warn", numeric: true },
            { key: "block", header: "Block", numeric: true },
            { key: "failed", header: "Failed", numeric: true },
            { key: "spike", header: "Spike?" },
          ]}
          rows={rows.map((row) => ({
            key: row.key,
            highlight: row.spike,
            cells: {
              bucket: row.label,
              span: row.span,
              decided: row.decided,
              ...Object.fromEntries(VERDICTS.map((action) => [action, `${row.counts[action]} (${formatPercent(row.rates[action])})`])),
              failed: row.failed,
              spike: row.spike ? `Yes: above ${formatPercent(row.baseline?.threshold ?? null)}` : row.baseline ? "No" : "Too little history",
            },
          }))}
        />
      }
    />
  );
}
