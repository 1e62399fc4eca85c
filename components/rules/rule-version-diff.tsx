"use client";

import { useQuery } from "@tanstack/react-query";
import { RulePackDiffView } from "@/components/rules/rule-pack-diff";
import { ErrorState, LoadingState } from "@/components/ui/status";
import { apiFetch } from "@/lib/api-client";
import type { RuleSetComparison } from "@/lib/config/compare-config-versions";
import { queryKeys } from "@/lib/query-keys";

/** The differences between two stored rule-pack versions, as the server computes them. */
export function RuleVersionDiff({ from, to }: { from: number; to: number }) {
  const comparison = useQuery({
    queryKey: queryKeys.ruleSetDiff(from, to),
    queryFn: () => apiFetch<RuleSetComparison>(`/api/rules/diff?from=${from}&to=${to}`),
    // Stored versions never change, so neither does their comparison.
    staleTime: Infinity,
  });
  if (comparison.isPending) return <LoadingState label={`Comparing v${from} with v${to}…`} />;
  if (comparison.isError) return <ErrorState message={comparison.error.message} onRetry={() => void comparison.refetch()} />;
  return <RulePackDiffView diff={comparison.data.diff} fromLabel={`v${from}`} toLabel={`v${to}`} />;
}
