import type { Metadata } from "next";
import { RunList } from "@/components/runs/run-list";
import { RunPicker } from "@/components/runs/run-picker";
import { AccessDenied } from "@/components/ui/access-denied";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { getPageAccess } from "@/lib/auth/current-caller";
import { getDb } from "@/lib/db";
import { listEvaluationRuns } from "@/lib/runs/list-evaluation-runs";

export const metadata: Metadata = { title: "Runs" };

/** Most runs listed; older ones stay reachable by id. */
const LIST_SIZE = 50;

export default async function RunsPage() {
  const { caller, allowed } = await getPageAccess("/runs", "audit.read");
  if (!allowed) return <AccessDenied permission="audit.read" role={caller.role} />;
  const runs = await listEvaluationRuns(getDb(), { take: LIST_SIZE });

  return (
    <>
      <PageHeader
        title="Evaluation runs"
        description="Batch runs of question sets across scenarios, scored by judge models, to show a configuration is safe before staff use it."
      />
      {runs.length === 0 ? (
        <EmptyState title="No evaluation runs yet">
          <p>
            Start one with <code>npm run cam -- pipeline --questions &lt;file&gt;</code>; it is listed here with its progress, metrics and reports.
          </p>
        </EmptyState>
      ) : (
        <div className="space-y-6">
          <RunList initialRuns={runs} />
          {runs.length > 1 && (
            <section aria-labelledby="compare-heading" className="space-y-2">
              <h2 id="compare-heading" className="text-base font-semibold text-slate-900">
                Compare two runs
              </h2>
              <RunPicker runs={runs} a={runs[1]?.id} b={runs[0]?.id} />
            </section>
          )}
        </div>
      )}
    </>
  );
}
