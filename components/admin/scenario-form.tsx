"use client";

import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/fields";
import { Notice } from "@/components/ui/status";
import { TextField } from "@/components/ui/text-field";
import { type ScenarioDefinition, scenarioSchema } from "@/lib/schemas/scenarios";
import type { ProviderModels } from "@/lib/scenarios/list-available-models";

type Props = {
  initial: ScenarioDefinition;
  create: boolean;
  models: ProviderModels[];
  modelsLoading: boolean;
  saving: boolean;
  error?: string;
  onCancel: () => void;
  onSave: (scenario: ScenarioDefinition) => void;
};

/** Edits one scenario; validates with the same schema as the route before sending. */
export function ScenarioForm({ initial, create, models, modelsLoading, saving, error, onCancel, onSave }: Props) {
  const [provider, setProvider] = useState(initial.provider);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const reported = models.find((entry) => entry.provider === provider);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const number = (name: string) => (form.get(name) === "" || form.get(name) === null ? undefined : Number(form.get(name)));
    const parsed = scenarioSchema.safeParse({
      id: create ? form.get("id") : initial.id,
      name: form.get("name"),
      description: form.get("description"),
      provider,
      model: form.get("model"),
      retrieval: form.get("retrieval") === "on",
      enabled: form.get("enabled") === "on",
      sortOrder: number("sortOrder"),
      options: {
        temperature: number("temperature"),
        contextTokens: number("contextTokens"),
        maxTokens: number("maxTokens"),
        seed: number("seed"),
        ollamaApi: form.get("ollamaApi") ?? "chat",
      },
    });
    if (!parsed.success) {
      const errors: Record<string, string> = {};
      for (const issue of parsed.error.issues) errors[String(issue.path.at(-1))] ??= issue.message;
      setFieldErrors(errors);
      return;
    }
    setFieldErrors({});
    onSave(parsed.data);
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="scenario-form-title" className="space-y-4 rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="scenario-form-title" className="text-base font-semibold text-slate-900">
        {create ? "New scenario" : `Edit scenario ${initial.id}`}
      </h2>
      <div className="grid gap-4 sm:grid-cols-2">
        {create && <TextField id="scenario-id" name="id" label="Id" defaultValue={initial.id} error={fieldErrors.id} required />}
        <TextField id="scenario-name" name="name" label="Name" defaultValue={initial.name} error={fieldErrors.name} required />
        <TextField id="scenario-description" name="description" label="Description" defaultValue={initial.description} error={fieldErrors.description} />
        <SelectField id="scenario-provider" label="Model server" value={provider} onChange={(event) => setProvider(event.target.value as ScenarioDefinition["provider"])}>
          <option value="ollama">Ollama</option>
          <option value="openai">OpenAI-compatible</option>
          <option value="gemini">Gemini</option>
        </SelectField>
        <div>
          <TextField
            id="scenario-model"
            name="model"
            label="Model"
            list="scenario-model-options"
            defaultValue={initial.model}
            error={fieldErrors.model}
            required
          />
          <datalist id="scenario-model-options">
            {reported?.models.map((model) => <option key={model} value={model} />)}
          </datalist>
          <p className="mt-1 text-xs text-slate-600" aria-live="polite">
            {modelsLoading
              ? "Asking the model servers which models they have…"
              : reported?.problem
                ? `The server could not list its models: ${reported.problem}`
                : `${reported?.models.length ?? 0} model(s) reported by this server; suggestions appear as you type.`}
          </p>
        </div>
        {provider === "ollama" && (
          <SelectField id="scenario-ollama-api" name="ollamaApi" label="Ollama endpoint" defaultValue={initial.options.ollamaApi}>
            <option value="chat">chat (/api/chat)</option>
            <option value="generate">generate (/api/generate)</option>
          </SelectField>
        )}
        <TextField id="scenario-temperature" name="temperature" label="Temperature" type="number" step="0.05" min="0" max="2" defaultValue={initial.options.temperature} error={fieldErrors.temperature} />
        <TextField id="scenario-context" name="contextTokens" label="Context window (tokens)" type="number" min="512" defaultValue={initial.options.contextTokens} error={fieldErrors.contextTokens} />
        <TextField id="scenario-max-tokens" name="maxTokens" label="Longest answer (tokens)" type="number" min="16" defaultValue={initial.options.maxTokens} error={fieldErrors.maxTokens} />
        <TextField id="scenario-seed" name="seed" label="Seed (optional, for repeatable answers)" type="number" min="0" defaultValue={initial.options.seed ?? ""} error={fieldErrors.seed} />
        <TextField id="scenario-order" name="sortOrder" label="Order in lists" type="number" defaultValue={initial.sortOrder} error={fieldErrors.sortOrder} />
      </div>
      <div className="flex flex-wrap gap-6">
        <label className="flex items-center gap-2 text-sm text-slate-800">
          <input type="checkbox" name="retrieval" defaultChecked={initial.retrieval} className="h-4 w-4" /> Ground answers in retrieved passages
        </label>
        <label className="flex items-center gap-2 text-sm text-slate-800">
          <input type="checkbox" name="enabled" defaultChecked={initial.enabled} className="h-4 w-4" /> Enabled
        </label>
      </div>
      {error && <Notice tone="error">{error}</Notice>}
      <div className="flex gap-3">
        <Button type="submit" disabled={saving}>
          {saving ? "Saving…" : "Save scenario"}
        </Button>
        <Button type="button" variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
