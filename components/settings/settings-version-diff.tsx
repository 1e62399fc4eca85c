"use client";

import { useQuery } from "@tanstack/react-query";
import { SettingsDiffView } from "@/components/settings/settings-diff";
import { ErrorState, LoadingState } from "@/components/ui/status";
import { apiFetch } from "@/lib/api-client";
import type { SettingsComparison } from "@/lib/config/compare-config-versions";
import { queryKeys } from "@/lib/query-keys";

/** The differences between two stored settings versions, as the server computes them. */
export function SettingsVersionDiff({ from, to }: { from: number; to: number }) {
  const comparison = useQuery({
    queryKey: queryKeys.settingsDiff(from, to),
    queryFn: () => apiFetch<SettingsComparison>(`/api/settings/diff?from=${from}&to=${to}`),
    // Stored versions never change, so neither does their comparison.
    staleTime: Infinity,
  });
  if (comparison.isPending) return <LoadingState label={`Comparing v${from} with v${to}…`} />;
  if (comparison.isError) return <ErrorState message={comparison.error.message} onRetry={() => void comparison.refetch()} />;
  return <SettingsDiffView changes={comparison.data.changes} fromLabel={`v${from}`} toLabel={`v${to}`} />;
}
