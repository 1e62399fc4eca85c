"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { JudgeAverages, ScenarioRates } from "@/components/runs/run-headline";
import { RunProgress } from "@/components/runs/run-progress";
import { RunStatusBadge } from "@/components/runs/run-status-badge";
import { runTitle } from "@/components/runs/run-title";
import { LocalTime } from "@/components/ui/local-time";
import { Notice } from "@/components/ui/status";
import { apiFetch } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";
import type { RunListItem } from "@/lib/runs/run-types";

/** How often the list refreshes while a run is in progress. */
const REFRESH_MS = 5_000;

const inProgress = (runs: RunListItem[] | undefined) => runs?.some((run) => run.status === "running" || run.status === "queued") ?? false;

/** The runs table; it refreshes itself while any run is still in progress. */
export function RunList({ initialRuns }: { initialRuns: RunListItem[] }) {
  const { data: runs = initialRuns, isError, error } = useQuery({
    queryKey: queryKeys.runs,
    queryFn: () => apiFetch<RunListItem[]>("/api/runs"),
    initialData: initialRuns,
    refetchInterval: (query) => (inProgress(query.state.data) ? REFRESH_MS : false),
  });
  return (
    <div className="space-y-3">
      {isError && <Notice tone="warn">The list could not be refreshed ({error.message}); it shows the last figures received.</Notice>}
      <div role="group" aria-label="Evaluation runs" tabIndex={0} className="overflow-x-auto rounded-lg border border-slate-200 bg-white [contain:inline-size]">
        <table className="w-full border-collapse text-sm">
          <caption className="sr-only">Evaluation runs, newest first, with progress and key metrics</caption>
          <thead>
            <tr className="border-b border-slate-200 text-left text-slate-700">
              <th scope="col" className="p-3 font-medium">Run</th>
              <th scope="col" className="p-3 font-medium">Status</th>
              <th scope="col" className="p-3 font-medium">Progress</th>
              <th scope="col" className="p-3 font-medium">Decisions per scenario</th>
              <th scope="col" className="p-3 font-medium">Judge compliance</th>
              <th scope="col" className="p-3 font-medium">Started</th>
              <th scope="col" className="p-3 font-medium">Finished</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((run) => (
              <tr key={run.id} className="border-b border-slate-100 align-top">
                <th scope="row" className="p-3 text-left font-normal">
                  <Link href={`/runs/${run.id}`} className="font-medium text-blue-800 underline underline-offset-2">
                    {runTitle(run)}
                  </Link>
                  <p className="text-xs text-slate-600">
                    {run.questions} questions × {run.scenarioIds.join(", ") || "no scenarios"}
                  </p>
                </th>
                <td className="p-3">
                  <RunStatusBadge status={run.status} />
                </td>
                <td className="min-w-32 p-3">
                  <RunProgress progress={run.progress} label={runTitle(run)} />
                </td>
                <td className="p-3">
                  <ScenarioRates headline={run.headline} />
                </td>
                <td className="p-3">
                  <JudgeAverages headline={run.headline} />
                </td>
                <td className="p-3 text-xs text-slate-800">
                  <LocalTime iso={run.startedAt ?? run.createdAt} />
                </td>
                <td className="p-3 text-xs text-slate-800">{run.finishedAt ? <LocalTime iso={run.finishedAt} /> : "Not yet"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
