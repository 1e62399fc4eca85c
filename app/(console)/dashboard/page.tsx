import type { Metadata } from "next";
import { AccessDenied } from "@/components/ui/access-denied";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { getPageAccess } from "@/lib/auth/current-caller";
import { getDb } from "@/lib/db";
import { countJudgeScores } from "@/lib/judges/count-judge-scores";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const { caller, allowed } = await getPageAccess("/dashboard", "audit.read");
  if (!allowed) return <AccessDenied permission="audit.read" role={caller.role} />;
  const scores = await countJudgeScores(getDb());

  return (
    <>
      <PageHeader
        title="Dashboard"
        description="Judge scores for helpfulness and compliance, decision rates and latency over time."
      />
      {scores.total === 0 ? (
        <EmptyState title="No judge scores yet">
          <p>Charts appear here once judge models have scored some answers.</p>
        </EmptyState>
      ) : (
        <p className="text-sm text-slate-700">
          {scores.total} judge scores recorded; {scores.unscored} could not be scored.
        </p>
      )}
    </>
  );
}
