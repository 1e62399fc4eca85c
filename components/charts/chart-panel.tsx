"use client";

import { type ReactNode, useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { ErrorState, LoadingState } from "@/components/ui/status";
import { CHART_HEIGHT } from "@/components/charts/chart-theme";

export type ChartState =
  | { status: "loading" }
  | { status: "error"; message: string; retry?: () => void }
  | { status: "empty"; message: string }
  | { status: "ready" };

type Props = {
  title: string;
  /** What the chart shows and how to read it (definitions, time zone). */
  description: ReactNode;
  /** Toggles that change what the chart shows (metric, grouping). */
  controls?: ReactNode;
  state: ChartState;
  /** The chart; shown when ready. */
  chart?: ReactNode;
  /** One or two sentences saying what the data shows, under the chart. */
  summary?: ReactNode;
  /** The chart's numbers as a table, shown on request. */
  table?: ReactNode;
};

/** A chart with its heading, explanation, loading, empty and error states, a text summary and a data table toggle. */
export function ChartPanel({ title, description, controls, state, chart, summary, table }: Props) {
  const headingId = useId();
  const tableId = useId();
  const [showTable, setShowTable] = useState(false);
  return (
    <section aria-labelledby={headingId} className="flex min-w-0 flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <h2 id={headingId} className="text-base font-semibold text-slate-900">
          {title}
        </h2>
        {controls}
      </div>
      <div className="text-sm text-slate-600">{description}</div>
      {state.status === "loading" && (
        <div style={{ minHeight: CHART_HEIGHT }}>
          <LoadingState label="Loading the chart’s data…" />
        </div>
      )}
      {state.status === "error" && <ErrorState title={`${title} could not be loaded`} message={state.message} onRetry={state.retry} />}
      {state.status === "empty" && (
        <p className="rounded-md border border-dashed border-slate-300 px-4 py-8 text-center text-sm text-slate-600">{state.message}</p>
      )}
      {state.status === "ready" && (
        <>
          <figure className="min-w-0">
            {chart}
            {summary && <figcaption className="mt-2 text-sm text-slate-700">{summary}</figcaption>}
          </figure>
          {table && (
            <div>
              <Button variant="secondary" aria-expanded={showTable} aria-controls={tableId} onClick={() => setShowTable((shown) => !shown)}>
                {showTable ? "Hide data table" : "Show data table"}
              </Button>
              <div id={tableId} hidden={!showTable} className="mt-3">
                {showTable && table}
              </div>
            </div>
          )}
        </>
      )}
    </section>
  );
}
