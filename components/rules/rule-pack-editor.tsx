"use client";

import { ruleDefinitionKey } from "@/lib/config/bump-rule-versions";
import { describeCheck } from "@/lib/config/diff-rule-packs";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Switch } from "@/components/ui/switch";
import type { RuleDraft } from "@/lib/schemas/config-changes";
import type { RuleDefinition } from "@/lib/schemas/rules";

type Props = {
  rules: RuleDraft[];
  /** The pack in force, to mark what the draft changes. */
  active: RuleDefinition[];
  onChange: (index: number, change: Partial<Pick<RuleDraft, "enabled" | "severity">>) => void;
  onEdit: (index: number) => void;
};

/** The draft pack with on/off and severity editable in place; changed and new rules are marked. */
export function RulePackEditor({ rules, active, onChange, onEdit }: Props) {
  const activeById = new Map(active.map((rule) => [rule.id, rule]));
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full min-w-[32rem] border-collapse text-sm">
        <caption className="sr-only">Rules in the draft pack; severity and state can be changed in place</caption>
        <thead>
          <tr className="border-b border-slate-200 text-left text-slate-700">
            <th scope="col" className="p-3 font-medium">Rule</th>
            <th scope="col" className="w-28 p-3 font-medium">Severity</th>
            <th scope="col" className="w-24 p-3 font-medium">State</th>
            <th scope="col" className="w-20 p-3 font-medium"><span className="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          {rules.map((rule, index) => {
            const before = activeById.get(rule.id);
            const mark = !before ? "new" : ruleDefinitionKey(before) !== ruleDefinitionKey(rule) ? "changed" : undefined;
            return (
              <tr key={rule.id} className={`border-b border-slate-100 align-top ${mark ? "bg-amber-50" : ""}`}>
                <th scope="row" className="p-3 text-left font-normal">
                  <p className="flex flex-wrap items-center gap-2">
                    <span className="font-mono text-sm font-medium text-slate-900">{rule.id}</span>
                    {rule.version && <span className="text-xs text-slate-600">v{rule.version}</span>}
                    {mark && <Badge tone="info">{mark === "new" ? "new, unsaved" : "changed, unsaved"}</Badge>}
                  </p>
                  <p className="mt-1 text-slate-700">{rule.description}</p>
                  <p className="mt-1 break-words font-mono text-xs text-slate-600">{describeCheck(rule.check)}</p>
                </th>
                <td className="p-3">
                  <label className="sr-only" htmlFor={`severity-${rule.id}`}>
                    Severity of {rule.id}
                  </label>
                  <select
                    id={`severity-${rule.id}`}
                    value={rule.severity}
                    onChange={(event) => onChange(index, { severity: event.target.value as RuleDraft["severity"] })}
                    className="w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900"
                  >
                    <option value="block">block</option>
                    <option value="warn">warn</option>
                    <option value="info">info</option>
                  </select>
                </td>
                <td className="p-3">
                  <Switch checked={rule.enabled} onChange={(enabled) => onChange(index, { enabled })} label={`${rule.id} enabled`} />
                </td>
                <td className="p-3 text-right">
                  <Button variant="secondary" onClick={() => onEdit(index)} aria-label={`Edit rule ${rule.id}`}>
                    Edit
                  </Button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
