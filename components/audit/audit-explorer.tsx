"use client";

import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import type { ReactNode } from "react";
import { AuditFilterForm } from "@/components/audit/audit-filter-form";
import { AuditPager } from "@/components/audit/audit-pager";
import { ExchangeTable } from "@/components/audit/exchange-table";
import { ExportLinks } from "@/components/audit/export-links";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState, LoadingState } from "@/components/ui/status";
import { ApiError, apiFetch } from "@/lib/api-client";
import { type AuditUrlState, auditQueryString, hasFilters, readAuditUrlState } from "@/lib/audit/audit-url";
import type { AuditFilterOptions } from "@/lib/audit/list-filter-options";
import type { ExchangeSearchResult } from "@/lib/audit/search-exchanges";
import { useLiveEvents } from "@/components/live/use-live-events";
import { queryKeys } from "@/lib/query-keys";
import { type ExchangeSort, sortLabels } from "@/lib/schemas/audit";

// The audit list: filters, results and paging, all kept in the URL query.
// Changing the view pushes a history entry without a server round trip
// (Next.js follows history.pushState), so Back and Forward step through
// views and any view can be bookmarked or shared.

/** Goes to another view of the list. */
function show(next: AuditUrlState) {
  const query = auditQueryString(next);
  window.history.pushState(null, "", query ? `/audit?${query}` : "/audit");
}

export function AuditExplorer({ options }: { options: AuditFilterOptions }) {
  const state = readAuditUrlState(new URLSearchParams(useSearchParams().toString()));
  const query = auditQueryString(state);
  const view: AuditUrlState = { ...state, cursor: undefined };
  const filters = auditQueryString(view);
  const queryClient = useQueryClient();
  // New exchanges, recorded by any instance, show without a reload.
  useLiveEvents({ exchange: () => void queryClient.invalidateQueries({ queryKey: queryKeys.exchangeLists }) });
  const results = useQuery({
    queryKey: queryKeys.exchanges(state),
    queryFn: () => apiFetch<ExchangeSearchResult>(`/api/exchanges${query ? `?${query}` : ""}`),
    placeholderData: keepPreviousData,
  });
  const sort = sortLabels[(state.sort ?? "newest") as ExchangeSort] ?? sortLabels.newest;

  let body: ReactNode;
  if (results.isPending) body = <LoadingState label="Loading exchanges…" />;
  else if (results.isError) {
    const invalid = results.error instanceof ApiError && results.error.status < 500;
    body = (
      <div className="space-y-3">
        <ErrorState title="The exchanges could not be loaded" message={results.error.message} onRetry={invalid ? undefined : () => void results.refetch()} />
        {invalid && (
          <Link href="/audit" className="inline-block text-sm font-medium text-blue-800 underline">
            Clear the filters and start again
          </Link>
        )}
      </div>
    );
  } else if (results.data.items.length === 0) {
    body = hasFilters(state) ? (
      <EmptyState title="No exchanges match these filters">
        <p>
          Try fewer filters or a wider date range, or{" "}
          <Link href="/audit" className="font-medium text-blue-800 underline">
            clear the filters
          </Link>
          .
        </p>
      </EmptyState>
    ) : (
      <EmptyState title="No exchanges recorded yet">
        <p>Questions asked in the playground or through the API appear here as soon as they are answered.</p>
      </EmptyState>
    );
  } else {
    const { items, nextCursor, prevCursor } = results.data;
    body = (
      <>
        {/* contain:inline-size stops a wide table from widening the console's flex layout; it scrolls inside its box instead. */}
        <div
          role="region"
          aria-label="Results table"
          tabIndex={0}
          className="overflow-x-auto rounded-lg border border-slate-200 bg-white [contain:inline-size]"
          aria-busy={results.isFetching}
        >
          <ExchangeTable
            items={items}
            term={state.q}
            caption={`Exchanges matching the filters, ${sort.toLowerCase()}`}
            detailQuery={query ? `?back=${encodeURIComponent(query)}` : ""}
          />
        </div>
        <AuditPager
          count={items.length}
          onFirst={state.cursor ? () => show(view) : undefined}
          onPrevious={prevCursor ? () => show({ ...view, cursor: prevCursor }) : undefined}
          onNext={nextCursor ? () => show({ ...view, cursor: nextCursor }) : undefined}
        />
      </>
    );
  }

  return (
    <div className="space-y-4">
      <AuditFilterForm key={filters} state={state} options={options} onApply={show} />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p role="status" aria-live="polite" className="text-sm text-slate-700">
          {results.isFetching && !results.isPending
            ? "Updating results…"
            : results.data
              ? `${results.data.items.length} exchange${results.data.items.length === 1 ? "" : "s"} on this page, ${sort.toLowerCase()}.`
              : ""}
        </p>
        <ExportLinks filters={filters} />
      </div>
      {body}
    </div>
  );
}
