"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ScenarioForm } from "@/components/admin/scenario-form";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ErrorState, LoadingState, Notice } from "@/components/ui/status";
import { apiFetch } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";
import type { ScenarioDefinition } from "@/lib/schemas/scenarios";
import type { ProviderModels } from "@/lib/scenarios/list-available-models";

type Editing = { scenario: ScenarioDefinition; create: boolean } | null;

const blank: ScenarioDefinition = {
  id: "",
  name: "",
  description: "",
  provider: "ollama",
  model: "",
  retrieval: true,
  options: { temperature: 0.2, contextTokens: 8192, maxTokens: 768, ollamaApi: "chat" },
  enabled: true,
  sortOrder: 100,
};

/** The scenarios, with an editor for one at a time and the models the servers report. */
export function ScenariosManager() {
  const queryClient = useQueryClient();
  const scenarios = useQuery({ queryKey: queryKeys.adminScenarios, queryFn: () => apiFetch<ScenarioDefinition[]>("/api/admin/scenarios") });
  const models = useQuery({ queryKey: queryKeys.availableModels, queryFn: () => apiFetch<ProviderModels[]>("/api/admin/models") });
  const [editing, setEditing] = useState<Editing>(null);
  const [saved, setSaved] = useState<string>();
  const save = useMutation({
    mutationFn: ({ scenario, create }: { scenario: ScenarioDefinition; create: boolean }) =>
      apiFetch<ScenarioDefinition>(create ? "/api/admin/scenarios" : `/api/admin/scenarios/${encodeURIComponent(scenario.id)}`, {
        method: create ? "POST" : "PUT",
        json: scenario,
      }),
    onSuccess: (scenario) => {
      setEditing(null);
      setSaved(`Scenario ${scenario.id} saved.`);
      void queryClient.invalidateQueries({ queryKey: queryKeys.adminScenarios });
      void queryClient.invalidateQueries({ queryKey: queryKeys.scenarios });
    },
  });

  if (scenarios.isPending) return <LoadingState label="Loading scenarios…" />;
  if (scenarios.isError) return <ErrorState message={scenarios.error.message} onRetry={() => void scenarios.refetch()} />;

  return (
    <div className="space-y-6">
      {saved && <Notice tone="success">{saved}</Notice>}
      <div className="flex justify-end">
        <Button onClick={() => setEditing({ scenario: blank, create: true })}>New scenario</Button>
      </div>
      <table className="w-full border-collapse rounded-lg bg-white text-sm">
        <caption className="sr-only">Scenarios</caption>
        <thead>
          <tr className="border-b border-slate-200 text-left text-slate-700">
            <th scope="col" className="p-3 font-medium">Scenario</th>
            <th scope="col" className="p-3 font-medium">Model</th>
            <th scope="col" className="p-3 font-medium">Retrieval</th>
            <th scope="col" className="p-3 font-medium">Generation</th>
            <th scope="col" className="p-3 font-medium">State</th>
            <th scope="col" className="p-3 font-medium"><span className="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          {scenarios.data.map((scenario) => (
            <tr key={scenario.id} className="border-b border-slate-100 align-top">
              <td className="p-3">
                <p className="font-medium text-slate-900">{scenario.id}: {scenario.name}</p>
                <p className="text-xs text-slate-600">{scenario.description}</p>
              </td>
              <td className="p-3 font-mono text-xs">{scenario.provider} / {scenario.model}</td>
              <td className="p-3">{scenario.retrieval ? "on" : "off"}</td>
              <td className="p-3 text-xs text-slate-700">
                temperature {scenario.options.temperature}, context {scenario.options.contextTokens}, answer ≤ {scenario.options.maxTokens} tokens
                {scenario.options.seed !== undefined ? `, seed ${scenario.options.seed}` : ""}
              </td>
              <td className="p-3">
                <Badge tone={scenario.enabled ? "good" : "neutral"}>{scenario.enabled ? "enabled" : "disabled"}</Badge>
              </td>
              <td className="p-3 text-right">
                <Button variant="secondary" onClick={() => setEditing({ scenario, create: false })} aria-label={`Edit scenario ${scenario.id}`}>
                  Edit
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {editing && (
        <ScenarioForm
          key={editing.scenario.id || "new"}
          initial={editing.scenario}
          create={editing.create}
          models={models.data ?? []}
          modelsLoading={models.isPending}
          saving={save.isPending}
          error={save.error?.message}
          onCancel={() => setEditing(null)}
          onSave={(scenario) => save.mutate({ scenario, create: editing.create })}
        />
      )}
    </div>
  );
}
