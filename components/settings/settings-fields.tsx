import type { ReactNode } from "react";
import { type SettingsForm, type SettingsFormErrors, type SettingsFormField, fieldLabel } from "@/components/settings/settings-form-state";
import { TextAreaField } from "@/components/ui/fields";
import { InputField } from "@/components/ui/input-field";

// The thresholds form's controls, grouped as the settings are. Ranges in the
// hints are the settings schema's (lib/schemas/settings.ts).

type Props = {
  form: SettingsForm;
  errors: SettingsFormErrors;
  onChange: <K extends keyof SettingsForm>(field: K, value: SettingsForm[K]) => void;
};

const hints: Record<SettingsFormField, string> = {
  minSimilarity: "Passages scoring below this are dropped; when none is left, the model is not asked and the no-sources text is given. Usually 0 to 1.",
  topK: "Passages retrieved per question, 1 to 50.",
  contextBudgetTokens: "The most tokens a prompt may use (sources, earlier turns, question and room for the answer), up to each scenario's own context window; 512 to 2,000,000.",
  allowAtLeast: "A judge's compliance score (0 to 5) at or above this is an allow verdict.",
  warnAtLeast: "At or above this (and below the allow cut-off) is warn; below it, block. 0 to 5.",
  disclaimer: "Appended to answers that lack it; the missing-disclaimer rule looks for it.",
  withheldMessage: "Shown instead of a blocked answer.",
  noSourcesMessage: "Given when no passage reaches the minimum similarity.",
  cues: "One phrase per line, 2 to 100 characters, matched case-insensitively in questions; up to 200 phrases.",
  resources: "Placed first in answers to questions that contain a crisis cue.",
  maxQuestionChars: "100 to 100,000 characters.",
  maxConversationTurns: "1 to 200 questions; then a new conversation is needed.",
  chatRequestsPerMinute: "1 to 10,000, counted per person across all instances.",
};

function Group({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="rounded-lg border border-slate-200 bg-white p-4">
      <legend className="px-1 text-base font-semibold text-slate-900">{title}</legend>
      <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">{children}</div>
    </fieldset>
  );
}

/** Every editable threshold and text, labelled, with hints and errors. */
export function SettingsFields({ form, errors, onChange }: Props) {
  const number = (field: SettingsFormField, step: string) => (
    <InputField
      id={`setting-${field}`}
      label={fieldLabel(field)}
      type="number"
      inputMode="decimal"
      step={step}
      value={form[field]}
      onChange={(event) => onChange(field, event.target.value)}
      hint={hints[field]}
      error={errors[field] && `${fieldLabel(field)} ${errors[field]}`}
    />
  );
  const text = (field: SettingsFormField, rows: number, wide = false) => (
    <div className={wide ? "md:col-span-2 xl:col-span-3" : undefined}>
      <TextAreaField
        id={`setting-${field}`}
        label={fieldLabel(field)}
        rows={rows}
        value={form[field]}
        onChange={(event) => onChange(field, event.target.value)}
        hint={hints[field]}
        error={errors[field] && `${fieldLabel(field)} ${errors[field]}`}
      />
    </div>
  );

  return (
    <div className="space-y-5">
      <Group title="Retrieval">
        {number("minSimilarity", "0.01")}
        {number("topK", "1")}
        {number("contextBudgetTokens", "1")}
      </Group>
      <Group title="Judges">
        {number("allowAtLeast", "0.1")}
        {number("warnAtLeast", "0.1")}
        <label className="flex items-start gap-2 self-center text-sm text-slate-800">
          <input
            type="checkbox"
            checked={form.judgeConsoleAnswers}
            onChange={(event) => onChange("judgeConsoleAnswers", event.target.checked)}
            className="mt-0.5 h-4 w-4"
          />
          <span>
            <span className="font-medium">Judge console answers</span>
            <span className="block text-xs text-slate-600">Console answers are scored by the enabled judges in the background.</span>
          </span>
        </label>
      </Group>
      <Group title="Answer texts">
        {text("disclaimer", 3, true)}
        {text("withheldMessage", 4)}
        {text("noSourcesMessage", 4)}
      </Group>
      <Group title="Crisis support">
        {text("cues", 6)}
        {text("resources", 6)}
      </Group>
      <Group title="Limits">
        {number("maxQuestionChars", "1")}
        {number("maxConversationTurns", "1")}
        {number("chatRequestsPerMinute", "1")}
      </Group>
    </div>
  );
}
