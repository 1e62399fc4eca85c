"use client";

import { type UseQueryResult, useQuery } from "@tanstack/react-query";
import type { ChartState } from "@/components/charts/chart-panel";
import { apiFetch } from "@/lib/api-client";
import { type DashboardFilters, dashboardSearchParams } from "@/lib/dashboard/dashboard-filters";
import { queryKeys } from "@/lib/query-keys";

/** One dashboard chart's prepared series from GET /api/dashboard/<chart>, for the page's filters (and `extra` parameters). */
export function useDashboardChart<T>(chart: string, filters: DashboardFilters, extra: Record<string, string> = {}): UseQueryResult<T> {
  const params = dashboardSearchParams(filters);
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  return useQuery({
    queryKey: queryKeys.dashboardChart(chart, { ...filters, ...extra }),
    queryFn: () => apiFetch<T>(`/api/dashboard/${chart}?${params}`),
  });
}

/** The panel state for a query: loading, its error with a retry, empty (with what to do), or ready. */
export function chartStateOf<T>(query: UseQueryResult<T>, isEmpty: (data: T) => boolean, emptyMessage: string): ChartState {
  if (query.isPending) return { status: "loading" };
  if (query.isError) return { status: "error", message: query.error.message, retry: () => void query.refetch() };
  return isEmpty(query.data) ? { status: "empty", message: emptyMessage } : { status: "ready" };
}

/** Chart series looks by judge: a judge keeps its colour whatever the filters, by its place among all judges. */
export function judgeIndex(judgeOrder: readonly string[], judgeId: string, fallback: number): number {
  const index = judgeOrder.indexOf(judgeId);
  return index === -1 ? fallback : index;
}
