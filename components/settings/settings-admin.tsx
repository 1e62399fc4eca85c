"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { awaitingApproval, DraftsAwaitingApproval } from "@/components/config-drafts/drafts-awaiting-approval";
import { ReviewChangeDialog } from "@/components/rules/review-change-dialog";
import { VersionHistory } from "@/components/rules/version-history";
import { RollbackSettingsDialog } from "@/components/settings/rollback-settings-dialog";
import { SettingsDiffView } from "@/components/settings/settings-diff";
import { SettingsFields } from "@/components/settings/settings-fields";
import { type SettingsForm, fieldLabel, formToSettings, type SettingsFormField, settingsToForm } from "@/components/settings/settings-form-state";
import { SettingsVersionDiff } from "@/components/settings/settings-version-diff";
import { Button } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import { ErrorState, Notice } from "@/components/ui/status";
import { apiFetch } from "@/lib/api-client";
import { diffSettings } from "@/lib/config/diff-settings";
import type { SettingsAdmin as SettingsAdminData } from "@/lib/config/get-settings-admin";
import type { SavedVersion } from "@/lib/config/write-rule-set-version";
import { queryKeys } from "@/lib/query-keys";
import type { Settings } from "@/lib/schemas/settings";

// The thresholds page: the settings in force as a form, checked with the
// settings schema, reviewed with a what-if preview and saved as a draft
// awaiting someone else's approval; below it, the drafts awaiting approval and
// the version history with roll-back (which applies at once).

/** The thresholds page's interactive part; `initial` is the settings in force as the server rendered them. */
export function SettingsAdmin({ initial }: { initial: SettingsAdminData }) {
  const queryClient = useQueryClient();
  const active = useQuery({ queryKey: queryKeys.activeSettings, queryFn: () => apiFetch<SettingsAdminData>("/api/settings"), initialData: initial });
  const [form, setForm] = useState<SettingsForm>(() => settingsToForm(initial.values));
  const [base, setBase] = useState(initial.version);
  const [submitted, setSubmitted] = useState(false);
  const [candidate, setCandidate] = useState<Settings | null>(null);
  const [rollbackTo, setRollbackTo] = useState<number | null>(null);
  const [saved, setSaved] = useState<{ title: string; text: string }>();
  const summaryRef = useRef<HTMLDivElement>(null);
  const savedRef = useRef<HTMLDivElement>(null);

  const current = active.data;
  const checked = formToSettings(form, current.values);
  const errors = submitted ? checked.errors : {};
  const startingForm = settingsToForm(current.values);
  // Valid input is compared as values ("0.20" is 0.2); invalid input as typed.
  const changedLabels = checked.values
    ? diffSettings(current.values, checked.values).map((change) => change.label)
    : (Object.keys(form) as (keyof SettingsForm)[])
        .filter((field) => form[field] !== startingForm[field])
        .map((field) => (field === "judgeConsoleAnswers" ? "Judge console answers" : fieldLabel(field)));

  const afterSave = (result: SavedVersion, values: Settings) => {
    // A draft is not in force: the form goes back to the settings that are.
    const draft = result.status === "draft";
    setForm(settingsToForm(draft ? current.values : values));
    if (!draft) setBase(result.version);
    setSubmitted(false);
    setCandidate(null);
    setRollbackTo(null);
    setSaved(
      draft
        ? { title: "Draft saved", text: `Saved as draft v${result.version}. ${result.summary}. ${awaitingApproval}` }
        : { title: "Settings saved", text: `Saved as version ${result.version}. ${result.summary}. The next question uses them.` },
    );
    void queryClient.invalidateQueries({ queryKey: queryKeys.settingsVersions });
    void queryClient.invalidateQueries({ queryKey: queryKeys.whatIfAll });
  };
  const save = useMutation({
    mutationFn: ({ values, note }: { values: Settings; note: string }) =>
      apiFetch<SavedVersion>("/api/settings", { json: { baseVersion: base, values, note } }).then((result) => ({ result, values })),
    onSuccess: ({ result, values }) => afterSave(result, values),
  });
  const rollback = useMutation({
    mutationFn: async ({ toVersion, note }: { toVersion: number; note: string }) => {
      const result = await apiFetch<SavedVersion>("/api/settings/rollback", { json: { baseVersion: current.version, toVersion, note } });
      const restored = await apiFetch<{ values: Settings }>(`/api/settings/versions/${result.version}`);
      return { result, values: restored.values };
    },
    onSuccess: ({ result, values }) => afterSave(result, values),
  });

  useEffect(() => {
    if (saved) savedRef.current?.focus();
  }, [saved]);

  function review(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    setSaved(undefined);
    if (!checked.values) {
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    save.reset();
    setCandidate(checked.values);
  }

  const problems = Object.entries(errors) as [SettingsFormField, string][];
  return (
    // Inline-size containment: wide tables scroll inside the page instead of widening the console frame on a tablet.
    <div className="space-y-8 [contain:inline-size]">
      {saved && (
        <div ref={savedRef} tabIndex={-1} className="outline-none">
          <Notice tone="success" title={saved.title}>
            {saved.text}
          </Notice>
        </div>
      )}
      {active.isError && <ErrorState title="The latest settings could not be loaded" message={active.error.message} onRetry={() => void active.refetch()} />}

      <section aria-labelledby="settings-heading" className="space-y-3">
        <div>
          <h2 id="settings-heading" className="text-lg font-semibold text-slate-900">
            Settings v{current.version}
          </h2>
          <p className="text-sm text-slate-600">
            In force{current.activatedAt && <> since <LocalTime iso={current.activatedAt} /></>}
            {current.note && ` · ${current.note}`}
          </p>
        </div>
        <form onSubmit={review} noValidate className="space-y-5" aria-labelledby="settings-heading">
          {problems.length > 0 && (
            <div ref={summaryRef} tabIndex={-1} role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900">
              <p className="font-semibold">Some settings need fixing before they can be saved:</p>
              <ul className="mt-1 list-disc pl-5">
                {problems.map(([field, message]) => (
                  <li key={field}>
                    <a href={`#setting-${field}`} className="underline">
                      {fieldLabel(field)}
                    </a>{" "}
                    {message}
                  </li>
                ))}
              </ul>
            </div>
          )}
          <SettingsFields form={form} errors={errors} onChange={(field, value) => setForm((before) => ({ ...before, [field]: value }))} />
          <div className="sticky bottom-0 z-10 flex flex-wrap items-center justify-between gap-3 rounded-lg border border-slate-300 bg-white p-3 shadow-sm">
            <p className="text-sm text-slate-800">
              {changedLabels.length === 0 ? "No unsaved changes." : `Unsaved changes: ${changedLabels.join(", ")}.`}
            </p>
            <div className="flex gap-2">
              <Button
                type="button"
                variant="secondary"
                disabled={changedLabels.length === 0}
                onClick={() => {
                  setForm(startingForm);
                  setSubmitted(false);
                }}
              >
                Discard
              </Button>
              <Button type="submit" disabled={changedLabels.length === 0}>
                Review and save…
              </Button>
            </div>
          </div>
        </form>
      </section>

      <DraftsAwaitingApproval kind="settings" />

      <section aria-labelledby="settings-history-heading" className="space-y-3">
        <h2 id="settings-history-heading" className="text-lg font-semibold text-slate-900">
          Version history
        </h2>
        <VersionHistory
          kind="settings"
          onRollback={(version) => {
            rollback.reset();
            setRollbackTo(version);
          }}
          renderDiff={(from, to) => <SettingsVersionDiff from={from} to={to} />}
        />
      </section>

      <ReviewChangeDialog
        open={candidate !== null}
        onClose={() => setCandidate(null)}
        title="Review and save the settings"
        description="The settings are saved as a draft; they go into force once someone else has previewed and approved them."
        diff={<SettingsDiffView changes={candidate ? diffSettings(current.values, candidate) : []} fromLabel={`in force (v${current.version})`} toLabel="new" />}
        change={candidate ? { kind: "settings", values: candidate } : undefined}
        nothingToSave={candidate && diffSettings(current.values, candidate).length === 0 ? "These settings are the same as those in force." : undefined}
        saveLabel="Save as draft"
        onSave={(note) => candidate && save.mutate({ values: candidate, note })}
        saving={save.isPending}
        saveError={save.error?.message}
      />
      <RollbackSettingsDialog
        toVersion={rollbackTo}
        active={current}
        onClose={() => setRollbackTo(null)}
        onConfirm={(toVersion, note) => rollback.mutate({ toVersion, note })}
        saving={rollback.isPending}
        saveError={rollback.error?.message}
      />
    </div>
  );
}
