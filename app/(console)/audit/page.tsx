import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { Suspense } from "react";
import { AuditExplorer } from "@/components/audit/audit-explorer";
import { AccessDenied } from "@/components/ui/access-denied";
import { PageHeader } from "@/components/ui/page-header";
import { LoadingState } from "@/components/ui/status";
import { auditQueryString, readAuditUrlState } from "@/lib/audit/audit-url";
import { countExchanges } from "@/lib/audit/count-exchanges";
import { listFilterOptions } from "@/lib/audit/list-filter-options";
import { searchExchanges } from "@/lib/audit/search-exchanges";
import { getPageAccess } from "@/lib/auth/current-caller";
import { getDb } from "@/lib/db";
import { makeQueryClient } from "@/lib/query-client";
import { queryKeys } from "@/lib/query-keys";
import { exchangeSearchQuerySchema } from "@/lib/schemas/audit";

export const metadata: Metadata = { title: "Audit" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The audit list. The first page of the view in the URL is fetched here, so it arrives with the HTML; later views load in the browser. */
export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  const state = readAuditUrlState(await searchParams);
  const query = auditQueryString(state);
  const { caller, allowed } = await getPageAccess(query ? `/audit?${query}` : "/audit", "audit.read");
  if (!allowed) return <AccessDenied permission="audit.read" role={caller.role} />;
  const db = getDb();
  const queryClient = makeQueryClient();
  const parsed = exchangeSearchQuerySchema.safeParse(state);
  const [counts, options] = await Promise.all([
    countExchanges(db),
    listFilterOptions(db),
    // A failure here (a bad cursor, say) is left to the browser's own request, which shows it with what to do.
    parsed.success ? queryClient.prefetchQuery({ queryKey: queryKeys.exchanges(state), queryFn: () => searchExchanges(db, parsed.data) }) : undefined,
  ]);

  return (
    <>
      <PageHeader
        title="Audit"
        description="Every question asked through CAM, with the passages retrieved, the model's raw answer, the final answer, the decision and the rules that fired. Text is shown with personal identifiers replaced."
      />
      <p className="mb-4 text-sm text-slate-700">
        {counts.total.toLocaleString("en-AU")} exchanges recorded; {counts.needsReview.toLocaleString("en-AU")} flagged for review.
      </p>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <Suspense fallback={<LoadingState label="Loading exchanges…" />}>
          <AuditExplorer options={options} />
        </Suspense>
      </HydrationBoundary>
    </>
  );
}
