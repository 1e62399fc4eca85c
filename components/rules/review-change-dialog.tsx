"use client";

import { useQuery } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { WhatIfPreview } from "@/components/rules/what-if-preview";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { TextAreaField } from "@/components/ui/fields";
import { apiFetch } from "@/lib/api-client";
import type { WhatIfResponse } from "@/lib/config/run-what-if";
import { queryKeys } from "@/lib/query-keys";
import { WHAT_IF_DEFAULT_EXCHANGES, type WhatIfChange } from "@/lib/schemas/config-changes";

// The last step before a rule or settings change (or a roll-back) is saved:
// what changes, its what-if preview on recent exchanges, and a note for the
// log. Used by the rules and thresholds pages. Saving waits for the preview.

type Props = {
  open: boolean;
  onClose: () => void;
  title: string;
  description?: ReactNode;
  /** What changes, as a diff. */
  diff: ReactNode;
  /** The candidate to preview; undefined while it is still loading. */
  change: WhatIfChange | undefined;
  saveLabel: string;
  onSave: (note: string) => void;
  saving: boolean;
  saveError?: string;
  /** Why there is nothing to save (the change would change nothing); saving is then off. */
  nothingToSave?: string;
};

/** Review, preview and save a change; see the module comment. */
export function ReviewChangeDialog(props: Props) {
  return (
    <Dialog open={props.open} onClose={props.onClose} size="xl" title={props.title} description={props.description}>
      <ReviewBody {...props} />
    </Dialog>
  );
}

function ReviewBody({ diff, change, saveLabel, onSave, saving, saveError, nothingToSave, onClose }: Props) {
  const [limit, setLimit] = useState(WHAT_IF_DEFAULT_EXCHANGES);
  const [note, setNote] = useState("");
  const request = change ? { change, limit } : undefined;
  const preview = useQuery({
    queryKey: queryKeys.whatIf(request),
    queryFn: () => apiFetch<WhatIfResponse>("/api/what-if", { json: request }),
    enabled: Boolean(request) && !nothingToSave,
  });
  const ready = Boolean(change) && !preview.isPending;

  return (
    <div className="space-y-6">
      <section aria-labelledby="review-diff-heading">
        <h3 id="review-diff-heading" className="mb-2 text-base font-semibold text-slate-900">
          What changes
        </h3>
        {diff}
      </section>
      {nothingToSave ? (
        <p role="status" className="rounded-md border border-slate-300 bg-slate-50 p-3 text-sm text-slate-800">
          {nothingToSave}
        </p>
      ) : (
        <WhatIfPreview query={preview} limit={limit} onLimitChange={setLimit} />
      )}
      <TextAreaField
        id="change-note"
        label="Note for the change log (optional)"
        hint="Why the change is made; it is kept with the new version and shown in the history."
        rows={2}
        maxLength={500}
        value={note}
        onChange={(event) => setNote(event.target.value)}
      />
      {saveError && (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900">
          {saveError}
        </p>
      )}
      {/* Stays in view while the preview scrolls. */}
      <div className="sticky bottom-0 -mx-5 -mb-4 flex flex-wrap items-center justify-end gap-2 border-t border-slate-200 bg-white px-5 py-3">
        {!ready && !nothingToSave && <p className="mr-auto text-xs text-slate-600">Saving is possible once the preview has run.</p>}
        <Button type="button" variant="secondary" onClick={onClose}>
          Cancel
        </Button>
        <Button type="button" onClick={() => onSave(note)} disabled={!ready || saving || Boolean(nothingToSave)}>
          {saving ? "Saving…" : saveLabel}
        </Button>
      </div>
    </div>
  );
}
