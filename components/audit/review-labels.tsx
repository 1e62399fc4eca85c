"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { ReviewBadge } from "@/components/audit/decision-badge";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { SelectField, TextAreaField } from "@/components/ui/fields";
import { LocalTime } from "@/components/ui/local-time";
import { ErrorState, Notice } from "@/components/ui/status";
import { ApiError, apiFetch } from "@/lib/api-client";
import type { ReviewLabelView } from "@/lib/audit/list-review-labels";
import { queryKeys } from "@/lib/query-keys";
import {
  type CreateReviewLabelBody,
  createReviewLabelBodySchema,
  escalationLabels,
  MAX_LABEL_NOTES_CHARS,
  reviewVerdictLabels,
} from "@/lib/schemas/audit";

// Reviewers' labels on an exchange: the history (newest first; the first is
// the one in force) and, for holders of audit.label, a form to add one.
// Labels are never edited; a correction is another label.

const verdictHints: Record<keyof typeof reviewVerdictLabels, string> = {
  correct: "CAM allowed, warned or blocked as it should have.",
  too_strict: "CAM warned about or blocked an answer that was acceptable.",
  too_lenient: "CAM should have warned about or blocked this answer.",
};

type FieldErrors = Partial<Record<"verdict" | "escalation" | "notes", string>>;

function LabelForm({ exchangeId, onSaved }: { exchangeId: string; onSaved: (label: ReviewLabelView) => void }) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: (body: CreateReviewLabelBody) => apiFetch<ReviewLabelView>(`/api/exchanges/${encodeURIComponent(exchangeId)}/labels`, { json: body }),
    onSuccess: (label) => {
      setSaved(true);
      onSaved(label);
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    setSaved(false);
    const parsed = createReviewLabelBodySchema.safeParse({
      verdict: form.get("verdict") ?? undefined,
      escalation: form.get("escalation") || null,
      notes: form.get("notes") ?? "",
    });
    if (!parsed.success) {
      const found: FieldErrors = {};
      for (const issue of parsed.error.issues) found[issue.path[0] as keyof FieldErrors] ??= issue.message;
      setErrors(found);
      return;
    }
    setErrors({});
    save.mutate(parsed.data, { onSuccess: () => formElement.reset() });
  }

  const serverFields = save.error instanceof ApiError ? save.error.body?.fields : undefined;
  const fieldError = (name: keyof FieldErrors) => errors[name] ?? serverFields?.find((field) => field.path === name)?.message;

  return (
    <form onSubmit={submit} noValidate aria-labelledby="label-form-title" className="space-y-4 border-t border-slate-200 pt-4">
      <h3 id="label-form-title" className="text-sm font-semibold text-slate-900">
        Add a label
      </h3>
      <fieldset aria-describedby={fieldError("verdict") ? "verdict-error" : undefined}>
        <legend className="text-sm font-medium text-slate-800">Was CAM&apos;s decision right?</legend>
        <div className="mt-2 space-y-2">
          {(Object.keys(reviewVerdictLabels) as (keyof typeof reviewVerdictLabels)[]).map((verdict) => (
            <div key={verdict} className="flex items-start gap-2 text-sm text-slate-900">
              <input id={`verdict-${verdict}`} type="radio" name="verdict" value={verdict} className="mt-1" aria-describedby={`verdict-${verdict}-hint`} />
              <div>
                <label htmlFor={`verdict-${verdict}`} className="font-medium">
                  {reviewVerdictLabels[verdict]}
                </label>
                <p id={`verdict-${verdict}-hint`} className="text-xs text-slate-600">
                  {verdictHints[verdict]}
                </p>
              </div>
            </div>
          ))}
        </div>
        {fieldError("verdict") && (
          <p id="verdict-error" className="mt-1 text-xs text-red-800">
            Decision {fieldError("verdict")}
          </p>
        )}
      </fieldset>
      <SelectField id="escalation" name="escalation" label="Escalation (optional)" defaultValue="" error={fieldError("escalation")}>
        <option value="">No escalation</option>
        {(Object.keys(escalationLabels) as (keyof typeof escalationLabels)[]).map((level) => (
          <option key={level} value={level}>
            {escalationLabels[level]}
          </option>
        ))}
      </SelectField>
      <TextAreaField
        id="notes"
        name="notes"
        label="Notes (optional)"
        rows={4}
        maxLength={MAX_LABEL_NOTES_CHARS}
        hint="What was right or wrong, and what should change. Do not copy personal identifiers here."
        error={fieldError("notes")}
      />
      {save.isError && (
        <Notice tone="error" title="The label was not saved">
          {save.error.message}
        </Notice>
      )}
      {saved && <Notice tone="success">Label saved.</Notice>}
      <Button type="submit" disabled={save.isPending}>
        {save.isPending ? "Saving…" : "Save label"}
      </Button>
    </form>
  );
}

/** The label history and, when `canLabel`, the form; `initialLabels` come with the page so nothing loads twice. */
export function ReviewLabels({ exchangeId, initialLabels, canLabel }: { exchangeId: string; initialLabels: ReviewLabelView[]; canLabel: boolean }) {
  const queryClient = useQueryClient();
  const key = queryKeys.exchangeLabels(exchangeId);
  const labels = useQuery({
    queryKey: key,
    queryFn: () => apiFetch<ReviewLabelView[]>(`/api/exchanges/${encodeURIComponent(exchangeId)}/labels`),
    initialData: initialLabels,
  });

  function saved(label: ReviewLabelView) {
    queryClient.setQueryData<ReviewLabelView[]>(key, (old) => [label, ...(old ?? []).filter((existing) => existing.id !== label.id)]);
    void queryClient.invalidateQueries({ queryKey: queryKeys.exchangeLists });
  }

  return (
    <div className="space-y-4">
      {labels.isError && <ErrorState message={labels.error.message} onRetry={() => void labels.refetch()} />}
      {labels.data.length === 0 ? (
        <p className="text-sm text-slate-700">No reviewer has labelled this exchange yet.</p>
      ) : (
        <ol aria-label="Label history, newest first" className="space-y-3">
          {labels.data.map((label, index) => (
            <li key={label.id} className="rounded-md border border-slate-200 p-3">
              <div className="flex flex-wrap items-center gap-2">
                <ReviewBadge verdict={label.verdict} />
                {label.escalation && <Badge tone="bad">Escalation: {escalationLabels[label.escalation]}</Badge>}
                <span className="text-xs text-slate-600">{index === 0 ? "In force" : "Earlier label"}</span>
              </div>
              {label.notes && <p className="mt-2 whitespace-pre-wrap break-words text-sm text-slate-800">{label.notes}</p>}
              <p className="mt-2 text-xs text-slate-600">
                {label.reviewer.name} · <LocalTime iso={label.createdAt} />
              </p>
            </li>
          ))}
        </ol>
      )}
      {canLabel ? (
        <LabelForm exchangeId={exchangeId} onSaved={saved} />
      ) : (
        <p className="border-t border-slate-200 pt-4 text-sm text-slate-700">Adding labels needs permission to label audit records, which your role does not have.</p>
      )}
    </div>
  );
}
