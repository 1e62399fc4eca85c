"use client";

import { CartesianGrid, Legend, Line, LineChart, ReferenceDot, Tooltip, XAxis, YAxis } from "recharts";
import { AXIS_TEXT, CHART_HEIGHT, GRID_LINE, type SeriesLook } from "@/components/charts/chart-theme";
import { useMounted } from "@/components/charts/use-mounted";
import type { ChartRow } from "@/lib/dashboard/dashboard-types";

export type LineSeries = { key: string; label: string; look: SeriesLook };

/** A point to call out, e.g. a spike: drawn as a ring with a text label above it. */
export type ChartMarker = { rowKey: string; seriesKey: string; label: string; colour: string };

type Props = {
  title: string;
  description: string;
  /** In time order; `label` is what the axis and tooltip show for the row. */
  rows: ChartRow[];
  series: LineSeries[];
  xAxisLabel: string;
  yAxisLabel: string;
  formatValue: (value: number) => string;
  formatTick?: (value: number) => string;
  domain?: [number, number];
  ticks?: number[];
  markers?: ChartMarker[];
};

/** Lines over time, one per series, told apart by colour, dash and marker shape; gaps where a bucket has no data. */
export function TrendLineChart(props: Props) {
  const mounted = useMounted();
  const { rows, series, formatValue } = props;
  if (!mounted) return <div style={{ height: CHART_HEIGHT }} aria-hidden />;
  const labels = new Map(rows.map((row) => [row.key, row.label]));
  return (
    <LineChart
      responsive
      style={{ width: "100%", height: CHART_HEIGHT }}
      data={rows}
      title={props.title}
      desc={props.description}
      margin={{ top: 20, right: 16, bottom: 28, left: 12 }}
    >
      <CartesianGrid stroke={GRID_LINE} vertical={false} />
      <XAxis
        dataKey="key"
        tickFormatter={(key: string) => labels.get(key) ?? key}
        tick={{ fill: AXIS_TEXT, fontSize: 12 }}
        stroke={AXIS_TEXT}
        interval="preserveStartEnd"
        minTickGap={16}
        label={{ value: props.xAxisLabel, position: "bottom", offset: 8, fill: AXIS_TEXT, fontSize: 12 }}
      />
      <YAxis
        domain={props.domain ?? [0, "auto"]}
        ticks={props.ticks}
        tickFormatter={props.formatTick ?? formatValue}
        tick={{ fill: AXIS_TEXT, fontSize: 12 }}
        stroke={AXIS_TEXT}
        width={64}
        label={{ value: props.yAxisLabel, angle: -90, position: "insideLeft", offset: 0, fill: AXIS_TEXT, fontSize: 12, style: { textAnchor: "middle" } }}
      />
      <Tooltip
        labelFormatter={(key) => labels.get(String(key)) ?? String(key)}
        formatter={(value) => (typeof value === "number" ? formatValue(value) : "no data")}
      />
      <Legend position="top" itemSorter={null} wrapperStyle={{ color: AXIS_TEXT, fontSize: 12, paddingBottom: 8 }} />
      {series.map((entry) => (
        <Line
          key={entry.key}
          type="linear"
          name={entry.label}
          dataKey={(row: ChartRow) => row.values[entry.key] ?? null}
          stroke={entry.look.colour}
          strokeWidth={2}
          strokeDasharray={entry.look.dash}
          dot={{ symbol: entry.look.marker, r: 4, fill: entry.look.colour, stroke: entry.look.colour }}
          activeDot={{ symbol: entry.look.marker, r: 6 }}
          legendType={entry.look.marker}
          connectNulls={false}
          isAnimationActive={false}
        />
      ))}
      {(props.markers ?? []).map((marker) => {
        const value = rows.find((row) => row.key === marker.rowKey)?.values[marker.seriesKey];
        return typeof value === "number" ? (
          <ReferenceDot
            key={`${marker.rowKey}-${marker.seriesKey}`}
            x={marker.rowKey}
            y={value}
            r={10}
            fill="none"
            stroke={marker.colour}
            strokeWidth={2}
            ifOverflow="extendDomain"
            label={{ value: marker.label, position: "top", fill: marker.colour, fontSize: 12, fontWeight: 600 }}
          />
        ) : null;
      })}
    </LineChart>
  );
}
