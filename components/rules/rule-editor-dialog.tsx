"use client";

import { type FormEvent, useRef, useState } from "react";
import { RuleTester } from "@/components/rules/rule-tester";
import { type RuleForm, type RuleFormErrors, formToRule, patternProblem } from "@/components/rules/rule-form-state";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { SelectField, TextAreaField } from "@/components/ui/fields";
import { InputField } from "@/components/ui/input-field";
import type { RuleDraft } from "@/lib/schemas/config-changes";

const FLAGS = [
  { flag: "i", label: "i: ignore case" },
  { flag: "m", label: "m: ^ and $ match at line breaks" },
  { flag: "s", label: "s: . matches line breaks" },
  { flag: "u", label: "u: Unicode" },
];

type Props = {
  open: boolean;
  /** The form to start from: a blank one for a new rule, or the rule being edited. */
  initial: RuleForm;
  isNew: boolean;
  version?: number;
  otherIds: string[];
  builtinNames: string[];
  onApply: (rule: RuleDraft) => void;
  onRemove?: () => void;
  onClose: () => void;
};

/** A new or edited rule, checked as it is typed, with a live tester; applying it stages it in the draft pack. */
export function RuleEditorDialog(props: Props) {
  return (
    <Dialog
      open={props.open}
      onClose={props.onClose}
      size="xl"
      title={props.isNew ? "New rule" : `Edit rule ${props.initial.id}`}
      description="Changes are staged in your draft; nothing is in force until you review and save the pack."
    >
      <RuleEditorForm {...props} />
    </Dialog>
  );
}

function RuleEditorForm({ initial, isNew, version, otherIds, builtinNames, onApply, onRemove, onClose }: Props) {
  const [form, setForm] = useState(initial);
  const [submitted, setSubmitted] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const set = <K extends keyof RuleForm>(key: K, value: RuleForm[K]) => setForm((current) => ({ ...current, [key]: value }));

  const { rule, errors } = formToRule(form, { version, otherIds, builtinNames });
  // The pattern's safety is shown as it is typed; other problems once the admin tries to apply.
  const livePattern = patternProblem(form);
  const shown: RuleFormErrors = submitted ? errors : livePattern ? { pattern: livePattern } : {};

  function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (rule) onApply(rule);
    else requestAnimationFrame(() => summaryRef.current?.focus());
  }

  const toggleFlag = (flag: string, on: boolean) =>
    set("flags", ["i", "m", "s", "u"].filter((known) => (known === flag ? on : form.flags.includes(known))).join(""));

  const problems = Object.entries(shown);
  return (
    <form onSubmit={submit} noValidate className="space-y-5">
      {submitted && problems.length > 0 && (
        <div ref={summaryRef} tabIndex={-1} role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900">
          <p className="font-semibold">The rule cannot be applied yet:</p>
          <ul className="mt-1 list-disc pl-5">
            {problems.map(([field, message]) => (
              <li key={field}>
                <a href={`#rule-${field}`} className="underline">
                  {fieldLabels[field as keyof RuleFormErrors]}
                </a>{" "}
                {message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="grid gap-4 md:grid-cols-2">
        <InputField
          id="rule-id"
          label="Rule id"
          value={form.id}
          onChange={(event) => set("id", event.target.value)}
          readOnly={!isNew}
          hint={isNew ? "Lower-case letters, digits and hyphens, e.g. no-guarantees. It cannot change later." : "The id cannot change."}
          error={shown.id}
          data-autofocus={isNew ? "" : undefined}
          inputClassName="font-mono"
          autoComplete="off"
        />
        <SelectField id="rule-severity" label="Severity" value={form.severity} onChange={(event) => set("severity", event.target.value as RuleForm["severity"])} error={shown.severity} hint="block withholds the answer; warn shows the message above it; info only records it.">
          <option value="block">block</option>
          <option value="warn">warn</option>
          <option value="info">info</option>
        </SelectField>
        <TextAreaField
          id="rule-description"
          label="Description"
          rows={2}
          value={form.description}
          onChange={(event) => set("description", event.target.value)}
          hint="What the rule catches, for admins and reviewers."
          error={shown.description}
          data-autofocus={isNew ? undefined : ""}
        />
        <TextAreaField
          id="rule-message"
          label="Message"
          rows={2}
          value={form.message}
          onChange={(event) => set("message", event.target.value)}
          hint="Shown to clinicians when the rule fires."
          error={shown.message}
        />
        <TextAreaField
          id="rule-clauses"
          label="Clauses (one per line)"
          rows={2}
          value={form.clauses}
          onChange={(event) => set("clauses", event.target.value)}
          hint='Regulation clauses the rule enforces, e.g. "APP 6".'
          error={shown.clauses}
        />
        <fieldset>
          <legend className="text-sm font-medium text-slate-800">State</legend>
          <label className="mt-2 flex items-center gap-2 text-sm text-slate-800">
            <input type="checkbox" checked={form.enabled} onChange={(event) => set("enabled", event.target.checked)} className="h-4 w-4" />
            Enabled (the rule runs on every answer)
          </label>
        </fieldset>
      </div>

      <fieldset className="rounded-lg border border-slate-200 p-4">
        <legend className="px-1 text-sm font-semibold text-slate-900">Check</legend>
        <div role="radiogroup" aria-label="Kind of check" className="flex flex-wrap gap-4 text-sm">
          {(["builtin", "pattern"] as const).map((kind) => (
            <label key={kind} className="flex items-center gap-2 text-slate-800">
              <input type="radio" name="rule-kind" value={kind} checked={form.kind === kind} onChange={() => set("kind", kind)} className="h-4 w-4" />
              {kind === "builtin" ? "Built-in check" : "Pattern (regular expression)"}
            </label>
          ))}
        </div>
        {form.kind === "builtin" ? (
          <div className="mt-3 max-w-md">
            <SelectField id="rule-builtinName" label="Built-in check" value={form.builtinName} onChange={(event) => set("builtinName", event.target.value)} error={shown.builtinName}>
              {!builtinNames.includes(form.builtinName) && <option value={form.builtinName}>Choose a check…</option>}
              {builtinNames.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </SelectField>
          </div>
        ) : (
          <div className="mt-3 grid gap-4 md:grid-cols-[2fr_1fr]">
            <InputField
              id="rule-pattern"
              label="Pattern"
              value={form.pattern}
              onChange={(event) => set("pattern", event.target.value)}
              hint="Runs on a linear-time engine (RE2): no lookahead or backreferences. Patterns that could backtrack badly are refused."
              error={shown.pattern}
              inputClassName="font-mono"
              spellCheck={false}
              autoComplete="off"
            />
            <fieldset>
              <legend className="text-sm font-medium text-slate-800">Match against</legend>
              {(["answer", "question"] as const).map((target) => (
                <label key={target} className="mt-1 flex items-center gap-2 text-sm text-slate-800">
                  <input type="radio" name="rule-target" value={target} checked={form.target === target} onChange={() => set("target", target)} className="h-4 w-4" />
                  the {target}
                </label>
              ))}
            </fieldset>
            <fieldset className="md:col-span-2">
              <legend className="text-sm font-medium text-slate-800">Flags</legend>
              <div className="mt-1 flex flex-wrap gap-x-5 gap-y-1">
                {FLAGS.map(({ flag, label }) => (
                  <label key={flag} className="flex items-center gap-2 text-sm text-slate-800">
                    <input type="checkbox" checked={form.flags.includes(flag)} onChange={(event) => toggleFlag(flag, event.target.checked)} className="h-4 w-4" />
                    {label}
                  </label>
                ))}
              </div>
              {shown.flags && <p className="mt-1 text-xs text-red-800">{shown.flags}</p>}
            </fieldset>
          </div>
        )}
      </fieldset>

      <RuleTester rule={rule} />

      <div className="sticky bottom-0 -mx-5 -mb-4 flex flex-wrap items-center justify-between gap-2 border-t border-slate-200 bg-white px-5 py-3">
        <div>
          {onRemove && (
            <Button type="button" variant="secondary" onClick={onRemove} className="text-red-800">
              Remove rule
            </Button>
          )}
        </div>
        <div className="flex gap-2">
          <Button type="button" variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit">{isNew ? "Add to draft" : "Apply to draft"}</Button>
        </div>
      </div>
    </form>
  );
}

const fieldLabels: Record<keyof RuleFormErrors, string> = {
  id: "Rule id",
  description: "Description",
  message: "Message",
  severity: "Severity",
  clauses: "Clauses",
  builtinName: "Built-in check",
  pattern: "Pattern",
  flags: "Flags",
};
