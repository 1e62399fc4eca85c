"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { ReviewChangeDialog } from "@/components/rules/review-change-dialog";
import { awaitingApproval, DraftsAwaitingApproval } from "@/components/config-drafts/drafts-awaiting-approval";
import { RollbackRulesDialog } from "@/components/rules/rollback-rules-dialog";
import { RuleEditorDialog } from "@/components/rules/rule-editor-dialog";
import { blankRuleForm, ruleToForm } from "@/components/rules/rule-form-state";
import { RulePackDiffView } from "@/components/rules/rule-pack-diff";
import { RulePackEditor } from "@/components/rules/rule-pack-editor";
import { RuleVersionDiff } from "@/components/rules/rule-version-diff";
import { VersionHistory } from "@/components/rules/version-history";
import { Button } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import { ErrorState, Notice } from "@/components/ui/status";
import { apiFetch } from "@/lib/api-client";
import { describeRulePackDiff, diffRulePacks, hasRuleChanges } from "@/lib/config/diff-rule-packs";
import type { RulesAdmin as RulesAdminData } from "@/lib/config/get-rules-admin";
import type { SavedVersion } from "@/lib/config/write-rule-set-version";
import { queryKeys } from "@/lib/query-keys";
import type { RuleDraft } from "@/lib/schemas/config-changes";

// The rules page: the pack in force, edited locally (switches and severity in
// place, an editor for whole rules), reviewed with a what-if preview and saved
// as a draft awaiting someone else's approval; below it, the drafts awaiting
// approval and the version history with roll-back (which applies at once).

type Draft = { base: number; rules: RuleDraft[] };
type Editing = { index: number | null };

/** The rules page's interactive part; `initial` is the pack in force as the server rendered it. */
export function RulesAdmin({ initial }: { initial: RulesAdminData }) {
  const queryClient = useQueryClient();
  const active = useQuery({ queryKey: queryKeys.activeRuleSet, queryFn: () => apiFetch<RulesAdminData>("/api/rules"), initialData: initial });
  const [draft, setDraft] = useState<Draft | null>(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [reviewing, setReviewing] = useState(false);
  const [rollbackTo, setRollbackTo] = useState<number | null>(null);
  const [saved, setSaved] = useState<{ title: string; text: string }>();
  const savedRef = useRef<HTMLDivElement>(null);

  const pack = active.data;
  const rules = draft?.rules ?? pack.rules;
  const diff = diffRulePacks(pack.rules, rules.map((rule) => ({ ...rule, version: rule.version ?? 1 })));
  const dirty = hasRuleChanges(diff);

  const afterSave = (result: SavedVersion) => {
    setDraft(null);
    setReviewing(false);
    setRollbackTo(null);
    setSaved(
      result.status === "draft"
        ? { title: "Draft saved", text: `Saved as draft v${result.version}. ${result.summary}. ${awaitingApproval}` }
        : { title: "Rule pack saved", text: `Saved as version ${result.version}. ${result.summary}. The next answer is checked with it.` },
    );
    void queryClient.invalidateQueries({ queryKey: queryKeys.ruleSets });
    void queryClient.invalidateQueries({ queryKey: queryKeys.whatIfAll });
  };
  const save = useMutation({
    mutationFn: (note: string) => apiFetch<SavedVersion>("/api/rules", { json: { baseVersion: draft?.base ?? pack.version, rules, note } }),
    onSuccess: afterSave,
  });
  const rollback = useMutation({
    mutationFn: ({ toVersion, note }: { toVersion: number; note: string }) =>
      apiFetch<SavedVersion>("/api/rules/rollback", { json: { baseVersion: pack.version, toVersion, note } }),
    onSuccess: afterSave,
  });

  // After a save the dialog and its opener are gone; the confirmation takes focus instead.
  useEffect(() => {
    if (saved) savedRef.current?.focus();
  }, [saved]);

  const update = (change: (rules: RuleDraft[]) => RuleDraft[]) => {
    setSaved(undefined);
    setDraft((current) => ({ base: current?.base ?? pack.version, rules: change([...(current?.rules ?? pack.rules)]) }));
  };
  const editedRule = editing?.index != null ? rules[editing.index] : undefined;

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
      {active.isError && <ErrorState title="The latest rule pack could not be loaded" message={active.error.message} onRetry={() => void active.refetch()} />}

      <section aria-labelledby="pack-heading" className="space-y-3">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <div>
            <h2 id="pack-heading" className="text-lg font-semibold text-slate-900">
              Rule pack v{pack.version}
            </h2>
            <p className="text-sm text-slate-600">
              In force{pack.activatedAt && <> since <LocalTime iso={pack.activatedAt} /></>} · {pack.rules.length} rules
              {pack.note && ` · ${pack.note}`}
            </p>
          </div>
          <Button onClick={() => setEditing({ index: null })}>New rule</Button>
        </div>
        <RulePackEditor
          rules={rules}
          active={pack.rules}
          onChange={(index, change) => update((next) => next.map((rule, at) => (at === index ? { ...rule, ...change } : rule)))}
          onEdit={(index) => setEditing({ index })}
        />
        {dirty && (
          <div role="region" aria-label="Unsaved changes" className="sticky bottom-0 z-10 flex flex-wrap items-center justify-between gap-3 rounded-lg border border-blue-300 bg-blue-50 p-3 shadow-sm">
            <p className="text-sm text-blue-950">
              <span className="font-semibold">Unsaved changes:</span> {describeRulePackDiff(diff).join("; ")}.
            </p>
            <div className="flex gap-2">
              <Button variant="secondary" onClick={() => setDraft(null)}>
                Discard
              </Button>
              <Button
                onClick={() => {
                  save.reset();
                  setReviewing(true);
                }}
              >
                Review and save…
              </Button>
            </div>
          </div>
        )}
      </section>

      <DraftsAwaitingApproval kind="rules" />

      <section aria-labelledby="history-heading" className="space-y-3">
        <h2 id="history-heading" className="text-lg font-semibold text-slate-900">
          Version history
        </h2>
        <VersionHistory
          kind="rules"
          onRollback={(version) => {
            rollback.reset();
            setRollbackTo(version);
          }}
          renderDiff={(from, to) => <RuleVersionDiff from={from} to={to} />}
        />
      </section>

      <RuleEditorDialog
        open={editing !== null}
        isNew={editing?.index == null}
        initial={editedRule ? ruleToForm(editedRule) : blankRuleForm(pack.builtinChecks[0])}
        version={editedRule?.version}
        otherIds={rules.filter((rule) => rule !== editedRule).map((rule) => rule.id)}
        builtinNames={pack.builtinChecks}
        onClose={() => setEditing(null)}
        onApply={(rule) => {
          update((next) => (editing?.index == null ? [...next, rule] : next.map((existing, at) => (at === editing.index ? rule : existing))));
          setEditing(null);
        }}
        onRemove={
          editing?.index == null
            ? undefined
            : () => {
                update((next) => next.filter((_, at) => at !== editing.index));
                setEditing(null);
              }
        }
      />
      <ReviewChangeDialog
        open={reviewing}
        onClose={() => setReviewing(false)}
        title="Review and save the rule pack"
        description="The change is saved as a draft; it goes into force once someone else has previewed and approved it. Changed rules get new version numbers."
        diff={<RulePackDiffView diff={diff} fromLabel={`in force (v${pack.version})`} toLabel="draft" />}
        change={{ kind: "rules", rules }}
        saveLabel="Save as draft"
        onSave={(note) => save.mutate(note)}
        saving={save.isPending}
        saveError={save.error?.message}
      />
      <RollbackRulesDialog
        toVersion={rollbackTo}
        active={pack}
        onClose={() => setRollbackTo(null)}
        onConfirm={(toVersion, note) => rollback.mutate({ toVersion, note })}
        saving={rollback.isPending}
        saveError={rollback.error?.message}
      />
    </div>
  );
}
