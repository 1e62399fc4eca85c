"use client";

import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import { AXIS_TEXT, barFill, CHART_HEIGHT, GRID_LINE, type SeriesLook } from "@/components/charts/chart-theme";
import { useMounted } from "@/components/charts/use-mounted";
import type { ChartRow } from "@/lib/dashboard/dashboard-types";

export type BarSeries = { key: string; label: string; look: SeriesLook };

type Props = {
  /** Read by screen readers as the chart's name (the panel heading shows it too). */
  title: string;
  /** A text summary of what the chart shows, read as the chart's description. */
  description: string;
  rows: ChartRow[];
  series: BarSeries[];
  categoryAxisLabel: string;
  valueAxisLabel: string;
  formatValue: (value: number) => string;
  formatTick?: (value: number) => string;
  domain?: [number, number];
  ticks?: number[];
  /** Stack the series (shares that add up to 100%) instead of placing them side by side. */
  stacked?: boolean;
};

/** Bars per category, one per series (or stacked), each series with its own colour and texture, legend below. */
export function GroupedBarChart(props: Props) {
  const mounted = useMounted();
  const { rows, series, formatValue } = props;
  if (!mounted) return <div style={{ height: CHART_HEIGHT }} aria-hidden />;
  return (
    <BarChart
      responsive
      style={{ width: "100%", height: CHART_HEIGHT }}
      data={rows}
      title={props.title}
      desc={props.description}
      margin={{ top: 8, right: 12, bottom: 28, left: 12 }}
      barCategoryGap="18%"
    >
      <CartesianGrid stroke={GRID_LINE} vertical={false} />
      <XAxis
        dataKey="label"
        tick={{ fill: AXIS_TEXT, fontSize: 12 }}
        stroke={AXIS_TEXT}
        interval="preserveStartEnd"
        label={{ value: props.categoryAxisLabel, position: "bottom", offset: 8, fill: AXIS_TEXT, fontSize: 12 }}
      />
      <YAxis
        domain={props.domain ?? [0, "auto"]}
        ticks={props.ticks}
        tickFormatter={props.formatTick ?? formatValue}
        tick={{ fill: AXIS_TEXT, fontSize: 12 }}
        stroke={AXIS_TEXT}
        width={56}
        label={{ value: props.valueAxisLabel, angle: -90, position: "insideLeft", offset: 0, fill: AXIS_TEXT, fontSize: 12, style: { textAnchor: "middle" } }}
      />
      <Tooltip formatter={(value) => (typeof value === "number" ? formatValue(value) : String(value ?? "n/a"))} />
      <Legend position="top" itemSorter={null} wrapperStyle={{ color: AXIS_TEXT, fontSize: 12, paddingBottom: 8 }} />
      {series.map((entry) => (
        <Bar
          key={entry.key}
          name={entry.label}
          dataKey={(row: ChartRow) => row.values[entry.key] ?? null}
          fill={barFill(entry.look)}
          stroke={entry.look.colour}
          strokeWidth={1.5}
          stackId={props.stacked ? "stack" : undefined}
          isAnimationActive={false}
          legendType="rect"
        />
      ))}
    </BarChart>
  );
}
