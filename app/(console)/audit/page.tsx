import type { Metadata } from "next";
import { AccessDenied } from "@/components/ui/access-denied";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { countExchanges } from "@/lib/audit/count-exchanges";
import { getPageAccess } from "@/lib/auth/current-caller";
import { getDb } from "@/lib/db";

export const metadata: Metadata = { title: "Audit" };

export default async function AuditPage() {
  const { caller, allowed } = await getPageAccess("/audit", "audit.read");
  if (!allowed) return <AccessDenied permission="audit.read" role={caller.role} />;
  const counts = await countExchanges(getDb());

  return (
    <>
      <PageHeader
        title="Audit"
        description="Every question asked through CAM, with the passages retrieved, the model's raw answer, the final answer, the decision and the rules that fired."
      />
      {counts.total === 0 ? (
        <EmptyState title="No exchanges recorded yet">
          <p>Questions asked in the playground or through the API appear here as soon as they are answered.</p>
        </EmptyState>
      ) : (
        <p className="text-sm text-slate-700">
          {counts.total} exchanges recorded; {counts.needsReview} flagged for review.
        </p>
      )}
    </>
  );
}
