import Link from "next/link";
import { Badge, type Tone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/fields";
import { Notice } from "@/components/ui/status";
import type { ModelServer, ScenarioAvailability, ScenarioList } from "@/lib/schemas/conversations";

const serverNames: Record<ModelServer["name"], string> = { ollama: "Ollama", openai: "OpenAI-compatible server", gemini: "Gemini" };

/** Whether a scenario's server can take questions, in a badge's words and colour. */
function serverState(server: ModelServer): { text: string; tone: Tone } {
  const name = serverNames[server.name];
  switch (server.status) {
    case "up":
      return { text: `${name} reachable`, tone: "good" };
    case "configured":
      return { text: `${name} configured`, tone: "good" };
    case "checking":
      return { text: `Checking ${name}…`, tone: "neutral" };
    case "down":
      return { text: `${name} unreachable`, tone: "bad" };
    case "not_configured":
      return { text: `${name} not set up`, tone: "bad" };
  }
}

const unavailable = (scenario: ScenarioAvailability) => scenario.server.problem !== null;

/** The words of one scenario in the drop-down, with its server's state (options cannot hold colour or badges). */
function optionText(scenario: ScenarioAvailability): string {
  const retrieval = scenario.retrieval ? "retrieval on" : "retrieval off";
  const status = unavailable(scenario) ? " — server unavailable" : scenario.server.status === "checking" ? " — checking server" : "";
  return `${scenario.id}: ${scenario.name} (${scenario.model}, ${retrieval})${status}`;
}

/** The first scenario to offer: one with retrieval when the store is ready, otherwise one without; reachable ones first. */
export function defaultScenarioId(list: ScenarioList): string | undefined {
  const storeReady = list.store.status === "ready";
  const fits = (scenario: ScenarioAvailability) => scenario.retrieval === storeReady;
  return (
    list.scenarios.find((scenario) => fits(scenario) && !unavailable(scenario)) ??
    list.scenarios.find(fits) ??
    list.scenarios[0]
  )?.id;
}

/** The scenario questions go to, what it is, and whether its model server and the knowledge base are ready. */
export function ScenarioPicker({
  list,
  selectedId,
  onSelect,
  disabled,
  canManageStore,
}: {
  list: ScenarioList;
  selectedId: string | undefined;
  onSelect: (id: string) => void;
  disabled: boolean;
  canManageStore: boolean;
}) {
  const selected = list.scenarios.find((scenario) => scenario.id === selectedId);
  const storeReady = list.store.status === "ready";
  const alternative = list.scenarios.find((scenario) => !scenario.retrieval && !unavailable(scenario));
  const state = selected && serverState(selected.server);

  return (
    <div className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <SelectField
        id="scenario"
        label="Scenario"
        value={selectedId ?? ""}
        onChange={(event) => onSelect(event.target.value)}
        disabled={disabled}
        hint="A scenario pairs a model with retrieval on or off. Each question goes to the scenario chosen when you send it."
      >
        {list.scenarios.map((scenario) => (
          <option key={scenario.id} value={scenario.id}>
            {optionText(scenario)}
          </option>
        ))}
      </SelectField>
      {selected && state && (
        <ul aria-label="About this scenario" className="flex flex-wrap items-center gap-2">
          <li>
            <Badge tone="neutral">
              Model <span className="ml-1 font-mono">{selected.model}</span>
            </Badge>
          </li>
          <li>
            <Badge tone={selected.retrieval ? "info" : "neutral"}>{selected.retrieval ? "Retrieval on" : "Retrieval off"}</Badge>
          </li>
          <li>
            <Badge tone={state.tone}>{state.text}</Badge>
          </li>
        </ul>
      )}
      {selected?.server.problem && (
        <Notice tone="warn" title="This scenario's model server is unavailable">
          <p>{selected.server.problem}</p>
          <p className="mt-1">You can still send questions, but they will fail until the server is back.</p>
        </Notice>
      )}
      {!storeReady && (
        <Notice tone={selected?.retrieval ? "warn" : "info"} title={list.store.status === "missing" ? "The knowledge base is empty" : "The knowledge base is damaged"}>
          <p>
            Scenarios with retrieval answer from the regulations and codes in the knowledge base, and they cannot answer until it is{" "}
            {list.store.status === "missing" ? "built" : "rebuilt"}.{" "}
            {canManageStore ? (
              <>
                You can do that on the{" "}
                <Link href="/admin/knowledge-base" className="font-medium underline">
                  Knowledge base page
                </Link>
                .
              </>
            ) : (
              "Ask an administrator to do that on the Knowledge base page."
            )}{" "}
            Scenarios without retrieval still answer.
          </p>
          {selected?.retrieval && alternative && (
            <Button variant="secondary" className="mt-2" onClick={() => onSelect(alternative.id)} disabled={disabled}>
              Use scenario {alternative.id} (no retrieval)
            </Button>
          )}
        </Notice>
      )}
    </div>
  );
}
