"use client";

import { useQuery } from "@tanstack/react-query";
import { ReviewChangeDialog } from "@/components/rules/review-change-dialog";
import { RulePackDiffView } from "@/components/rules/rule-pack-diff";
import { ErrorState, LoadingState } from "@/components/ui/status";
import { apiFetch } from "@/lib/api-client";
import { diffRulePacks, hasRuleChanges } from "@/lib/config/diff-rule-packs";
import type { RuleSetVersionDetail } from "@/lib/config/get-config-version";
import { queryKeys } from "@/lib/query-keys";
import type { RuleDefinition } from "@/lib/schemas/rules";

type Props = {
  toVersion: number | null;
  active: { version: number; rules: RuleDefinition[] };
  onClose: () => void;
  onConfirm: (toVersion: number, note: string) => void;
  saving: boolean;
  saveError?: string;
};

/** Review and preview of putting an earlier rule pack back in force as a new version. */
export function RollbackRulesDialog({ toVersion, active, onClose, onConfirm, saving, saveError }: Props) {
  const target = useQuery({
    queryKey: queryKeys.ruleSetVersionDetail(toVersion ?? 0),
    queryFn: () => apiFetch<RuleSetVersionDetail>(`/api/rules/versions/${toVersion}`),
    enabled: toVersion !== null,
    staleTime: Infinity,
  });
  // Shown as the roll-back will save it: a rule whose definition is unchanged keeps the version in force.
  const currentVersion = new Map(active.rules.map((rule) => [rule.id, rule.version]));
  const restored = target.data?.rules.map((rule) => ({ ...rule, version: currentVersion.get(rule.id) ?? rule.version }));
  const diff = restored ? diffRulePacks(active.rules, restored) : undefined;

  return (
    <ReviewChangeDialog
      open={toVersion !== null}
      onClose={onClose}
      title={`Roll back to rule pack v${toVersion}`}
      description={`The rules of v${toVersion} are saved as a new version; v${active.version} and the history stay as they are. Changed rules get new version numbers.`}
      diff={
        target.isPending ? (
          <LoadingState label={`Loading v${toVersion}…`} />
        ) : target.isError ? (
          <ErrorState message={target.error.message} onRetry={() => void target.refetch()} />
        ) : (
          <RulePackDiffView diff={diff!} fromLabel={`in force (v${active.version})`} toLabel={`after roll-back (from v${toVersion})`} />
        )
      }
      change={target.data ? { kind: "rules", rules: target.data.rules } : undefined}
      nothingToSave={diff && !hasRuleChanges(diff) ? `The rules of v${toVersion} are the same as those in force, so there is nothing to roll back.` : undefined}
      saveLabel={`Roll back to v${toVersion}`}
      onSave={(note) => toVersion !== null && onConfirm(toVersion, note)}
      saving={saving}
      saveError={saveError}
    />
  );
}
