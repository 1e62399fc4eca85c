"use client";

import { useQuery } from "@tanstack/react-query";
import { ReviewChangeDialog } from "@/components/rules/review-change-dialog";
import { SettingsDiffView } from "@/components/settings/settings-diff";
import { ErrorState, LoadingState } from "@/components/ui/status";
import { apiFetch } from "@/lib/api-client";
import { diffSettings } from "@/lib/config/diff-settings";
import type { SettingsVersionDetail } from "@/lib/config/get-config-version";
import { queryKeys } from "@/lib/query-keys";
import type { Settings } from "@/lib/schemas/settings";

type Props = {
  toVersion: number | null;
  active: { version: number; values: Settings };
  onClose: () => void;
  onConfirm: (toVersion: number, note: string) => void;
  saving: boolean;
  saveError?: string;
};

/** Review and preview of putting earlier settings back in force as a new version. */
export function RollbackSettingsDialog({ toVersion, active, onClose, onConfirm, saving, saveError }: Props) {
  const target = useQuery({
    queryKey: queryKeys.settingsVersionDetail(toVersion ?? 0),
    queryFn: () => apiFetch<SettingsVersionDetail>(`/api/settings/versions/${toVersion}`),
    enabled: toVersion !== null,
    staleTime: Infinity,
  });
  const changes = target.data ? diffSettings(active.values, target.data.values) : undefined;

  return (
    <ReviewChangeDialog
      open={toVersion !== null}
      onClose={onClose}
      title={`Roll back to settings v${toVersion}`}
      description={`The settings of v${toVersion} are saved as a new version; v${active.version} and the history stay as they are.`}
      diff={
        target.isPending ? (
          <LoadingState label={`Loading v${toVersion}…`} />
        ) : target.isError ? (
          <ErrorState message={target.error.message} onRetry={() => void target.refetch()} />
        ) : (
          <SettingsDiffView changes={changes ?? []} fromLabel={`in force (v${active.version})`} toLabel={`after roll-back (from v${toVersion})`} />
        )
      }
      change={target.data ? { kind: "settings", values: target.data.values } : undefined}
      nothingToSave={changes && changes.length === 0 ? `The settings of v${toVersion} are the same as those in force, so there is nothing to roll back.` : undefined}
      saveLabel={`Roll back to v${toVersion}`}
      onSave={(note) => toVersion !== null && onConfirm(toVersion, note)}
      saving={saving}
      saveError={saveError}
    />
  );
}
