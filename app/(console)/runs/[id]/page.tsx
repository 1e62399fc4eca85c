import type { Metadata } from "next";
import Link from "next/link";
import { AutoRefresh } from "@/components/runs/auto-refresh";
import { AgreementTable, JudgeMetricsTable, JudgeScenarioTable } from "@/components/runs/judge-metrics-table";
import { ReportLinks } from "@/components/runs/report-links";
import { RunCharts } from "@/components/runs/run-charts";
import { RunFacts } from "@/components/runs/run-facts";
import { runTitle } from "@/components/runs/run-title";
import { ScenarioMetricsTable } from "@/components/runs/scenario-metrics-table";
import { AccessDenied } from "@/components/ui/access-denied";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Notice } from "@/components/ui/status";
import { getPageAccess } from "@/lib/auth/current-caller";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { getRunDetails } from "@/lib/runs/get-run-details";

export const metadata: Metadata = { title: "Run" };

export default async function RunPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { caller, allowed } = await getPageAccess(`/runs/${id}`, "audit.read");
  if (!allowed) return <AccessDenied permission="audit.read" role={caller.role} />;
  const run = await getRunDetails(getDb(), id).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") return null;
    throw error;
  });
  if (!run) {
    return (
      <EmptyState title="There is no such evaluation run">
        <p>
          It may have been removed, or the address is mistyped. <Link href="/runs" className="font-medium text-blue-800 underline">Choose a run from the list</Link>.
        </p>
      </EmptyState>
    );
  }
  const { metrics } = run;
  const running = run.status === "running" || run.status === "queued";

  return (
    <>
      <AutoRefresh active={running} />
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/runs" className="text-blue-800 underline underline-offset-2">
          Evaluation runs
        </Link>
      </nav>
      <PageHeader title={runTitle(run)} description={`Evaluation run ${run.id}.`} actions={<ReportLinks runId={run.id} />} />
      <div className="space-y-6">
        <RunFacts run={run} />
        {run.metricsSource === "live" && (
          <Notice title={running ? "This run is still in progress" : "This run did not finish"}>
            The numbers below were computed just now from the {metrics.totals.exchanges} answers recorded so far
            {running ? "; the page refreshes itself every few seconds." : ". Resume the run with "}
            {!running && <code>npm run cam -- pipeline --resume {run.id}</code>}
          </Notice>
        )}
        {!running && run.progress.failed > 0 && (
          <Notice tone="warn" title={`${run.progress.failed} of the answers failed`}>
            Each failure is in the audit trail with its cause. Once the cause is fixed (often a model server that was
            unreachable), answer those items again with <code>npm run cam -- pipeline --resume {run.id} --retry-failed</code>;
            the numbers then count the new answers.
          </Notice>
        )}
        {(run.drafts.rules !== undefined || run.drafts.settings !== undefined) && (
          <Notice tone="info" title="This run tried a draft">
            Its answers were checked and recorded under{" "}
            {[run.drafts.rules !== undefined && `draft rule pack v${run.drafts.rules}`, run.drafts.settings !== undefined && `draft settings v${run.drafts.settings}`]
              .filter(Boolean)
              .join(" and ")}
            , not the version in force. Compare it with a run under the version in force to see what the draft changes.
          </Notice>
        )}
        {run.error && <Notice tone="error" title="The run stopped with an error">{run.error}</Notice>}
        {run.warnings.length > 0 && (
          <Notice tone="info" title="When the run was planned">
            <ul className="list-disc pl-5">
              {run.warnings.map((warning) => (
                <li key={warning}>{warning}</li>
              ))}
            </ul>
          </Notice>
        )}
        <ScenarioMetricsTable metrics={metrics} />
        <RunCharts metrics={metrics} />
        {metrics.judges.length > 0 && (
          <>
            <JudgeMetricsTable metrics={metrics} />
            <JudgeScenarioTable metrics={metrics} />
            <AgreementTable metrics={metrics} />
          </>
        )}
      </div>
    </>
  );
}
