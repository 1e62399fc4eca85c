import type { Metadata } from "next";
import { AccessDenied } from "@/components/ui/access-denied";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { LocalTime } from "@/components/ui/local-time";
import { PageHeader } from "@/components/ui/page-header";
import { getPageAccess } from "@/lib/auth/current-caller";
import { getDb } from "@/lib/db";
import { listEvaluationRuns } from "@/lib/runs/list-evaluation-runs";

export const metadata: Metadata = { title: "Runs" };

export default async function RunsPage() {
  const { caller, allowed } = await getPageAccess("/runs", "audit.read");
  if (!allowed) return <AccessDenied permission="audit.read" role={caller.role} />;
  const runs = await listEvaluationRuns(getDb(), { take: 50 });

  return (
    <>
      <PageHeader
        title="Evaluation runs"
        description="Batch runs of question sets across scenarios, scored by judge models, to show a configuration is safe before staff use it."
      />
      {runs.length === 0 ? (
        <EmptyState title="No evaluation runs yet">
          <p>Each run will be listed here with its progress, metrics and report.</p>
        </EmptyState>
      ) : (
        <table className="w-full border-collapse rounded-lg bg-white text-sm">
          <caption className="sr-only">Evaluation runs, newest first</caption>
          <thead>
            <tr className="border-b border-slate-200 text-left text-slate-700">
              <th className="p-3 font-medium">Run</th>
              <th className="p-3 font-medium">Status</th>
              <th className="p-3 font-medium">Progress</th>
              <th className="p-3 font-medium">Started</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((run) => (
              <tr key={run.id} className="border-b border-slate-100">
                <td className="p-3">{run.name || run.id}</td>
                <td className="p-3">
                  <Badge tone={run.status === "completed" ? "good" : run.status === "failed" ? "bad" : "neutral"}>{run.status}</Badge>
                </td>
                <td className="p-3">
                  {run.completedItems} of {run.totalItems} ({run.failedItems} failed)
                </td>
                <td className="p-3">
                  <LocalTime iso={run.createdAt.toISOString()} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
