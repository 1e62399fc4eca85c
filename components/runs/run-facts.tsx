import type { ReactNode } from "react";
import { RunProgress } from "@/components/runs/run-progress";
import { RunStatusBadge } from "@/components/runs/run-status-badge";
import { runTitle } from "@/components/runs/run-title";
import { LocalTime } from "@/components/ui/local-time";
import type { RunDetails } from "@/lib/runs/run-types";

type Facts = Omit<RunDetails, "metrics">;

/** What a run was and where it stands: status, progress, scope, dates and the versions it ran under. */
export function RunFacts({ run }: { run: Facts }) {
  const facts: [string, ReactNode][] = [
    ["Status", <RunStatusBadge key="status" status={run.status} />],
    ["Progress", <RunProgress key="progress" progress={run.progress} label={runTitle(run)} />],
    ["Questions", `${run.questions}${run.questionsFile ? ` from ${run.questionsFile}` : ""}`],
    ["Scenarios", run.scenarioIds.join(", ") || "none"],
    ["Judges", run.judgeIds.join(", ") || "none"],
    ["Started", <LocalTime key="started" iso={run.startedAt ?? run.createdAt} />],
    ["Finished", run.finishedAt ? <LocalTime key="finished" iso={run.finishedAt} /> : "Not yet"],
    ["Versions", `rule pack ${run.versions.ruleSet ?? "n/a"}, settings ${run.versions.settings ?? "n/a"}, store ${run.versions.store ?? "n/a"}`],
  ];
  return (
    // Columns follow the width of the card (a whole page, or half of one when two runs are compared), not the window.
    <div className="@container rounded-lg border border-slate-200 bg-white p-4">
      <dl className="grid gap-x-6 gap-y-3 text-sm @md:grid-cols-2 @3xl:grid-cols-4">
        {facts.map(([term, value]) => (
          <div key={term} className="min-w-0">
            <dt className="text-xs font-medium text-slate-600">{term}</dt>
            <dd className="mt-0.5 break-words text-slate-900">{value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
