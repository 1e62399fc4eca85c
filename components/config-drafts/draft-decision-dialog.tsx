"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { WhatIfPreview } from "@/components/rules/what-if-preview";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { TextAreaField } from "@/components/ui/fields";
import { apiFetch } from "@/lib/api-client";
import type { ApprovedDraft } from "@/lib/config/approve-config-draft";
import type { ConfigKind } from "@/lib/config/list-config-history";
import type { ConfigDraftSummary } from "@/lib/config/list-config-drafts";
import type { RejectedDraft } from "@/lib/config/reject-config-draft";
import type { WhatIfResponse } from "@/lib/config/run-what-if";
import { queryKeys } from "@/lib/query-keys";
import { WHAT_IF_DEFAULT_EXCHANGES } from "@/lib/schemas/config-changes";

// One draft's decision: its what-if preview (requested from the server, which
// records that this person saw it), then Approve, or Reject with a reason.
// Approving is possible only once the preview has run.

type Props = {
  kind: ConfigKind;
  draft: ConfigDraftSummary | null;
  activeVersion: number | undefined;
  onClose: () => void;
  onDecided: (message: string) => void;
};

const prefixes: Record<ConfigKind, readonly unknown[]> = { rules: queryKeys.ruleSets, settings: queryKeys.settingsVersions };

/** The dialog for approving or rejecting a draft; see the module comment. */
export function DraftDecisionDialog(props: Props) {
  return (
    <Dialog
      open={props.draft !== null}
      onClose={props.onClose}
      size="xl"
      title={props.draft ? `Review draft v${props.draft.version}` : "Review draft"}
      description="Approving puts the draft in force for the next answer; the version in force now is kept in the history and can be rolled back to."
    >
      {props.draft && <DecisionBody {...props} draft={props.draft} />}
    </Dialog>
  );
}

function DecisionBody({ kind, draft, activeVersion, onClose, onDecided }: Props & { draft: ConfigDraftSummary }) {
  const queryClient = useQueryClient();
  const [limit, setLimit] = useState(WHAT_IF_DEFAULT_EXCHANGES);
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string>();
  const preview = useQuery({
    queryKey: queryKeys.draftPreview(kind, draft.version, limit),
    queryFn: () => apiFetch<WhatIfResponse>("/api/config/drafts/preview", { json: { kind, version: draft.version, limit } }),
    enabled: !draft.stale,
    // Each request is recorded as seen; do not repeat it behind the reviewer's back.
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
  });
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: prefixes[kind] });
    void queryClient.invalidateQueries({ queryKey: queryKeys.whatIfAll });
  };
  const approve = useMutation({
    mutationFn: () => apiFetch<ApprovedDraft>("/api/config/drafts/approve", { json: { kind, version: draft.version } }),
    onSuccess: (result) => {
      refresh();
      onDecided(`${result.summary}. The next answer uses version ${result.version}.`);
    },
  });
  const reject = useMutation({
    mutationFn: () => apiFetch<RejectedDraft>("/api/config/drafts/reject", { json: { kind, version: draft.version, reason } }),
    onSuccess: (result) => {
      refresh();
      onDecided(`${result.summary}.`);
    },
  });
  const error = approve.error?.message ?? reject.error?.message;

  return (
    <div className="space-y-6">
      <section aria-labelledby="draft-changes-heading">
        <h3 id="draft-changes-heading" className="mb-2 text-base font-semibold text-slate-900">
          What changes against the version in force{activeVersion ? ` (v${activeVersion})` : ""}
        </h3>
        <ul className="list-disc pl-5 text-sm text-slate-800">
          {draft.changes.map((change) => (
            <li key={change}>{change}</li>
          ))}
        </ul>
      </section>
      {draft.stale ? (
        <p role="status" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
          The version in force changed after this draft was written, so approving it would undo that change. Reject it, and ask the author to make
          the change again from the version in force.
        </p>
      ) : (
        <WhatIfPreview query={preview} limit={limit} onLimitChange={setLimit} />
      )}
      <TextAreaField
        id="reject-reason"
        label="Reason for rejecting (needed to reject)"
        hint="Shown to the author in the change log, so they know what to change."
        rows={2}
        maxLength={500}
        value={reason}
        error={reasonError}
        onChange={(event) => setReason(event.target.value)}
      />
      {error && (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900">
          {error}
        </p>
      )}
      <div className="sticky bottom-0 -mx-5 -mb-4 flex flex-wrap items-center justify-end gap-2 border-t border-slate-200 bg-white px-5 py-3">
        {!preview.isSuccess && !draft.stale && <p className="mr-auto text-xs text-slate-600">Approving is possible once the preview has run.</p>}
        <Button type="button" variant="secondary" onClick={onClose}>
          Cancel
        </Button>
        <Button
          type="button"
          variant="secondary"
          disabled={reject.isPending}
          onClick={() => {
            if (!reason.trim()) return setReasonError("Reason for rejecting: say why, so the author knows what to change.");
            setReasonError(undefined);
            reject.mutate();
          }}
        >
          {reject.isPending ? "Rejecting…" : "Reject"}
        </Button>
        <Button type="button" onClick={() => approve.mutate()} disabled={!preview.isSuccess || preview.isFetching || approve.isPending || draft.stale}>
          {approve.isPending ? "Approving…" : "Approve"}
        </Button>
      </div>
    </div>
  );
}
