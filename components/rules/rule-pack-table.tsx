import { Badge, type Tone } from "@/components/ui/badge";
import type { RuleDefinition } from "@/lib/schemas/rules";

const severityTone: Record<RuleDefinition["severity"], Tone> = { block: "bad", warn: "warn", info: "info" };

/** The rules of one rule-set version, read-only. */
export function RulePackTable({ rules }: { rules: RuleDefinition[] }) {
  return (
    <table className="w-full border-collapse text-sm">
      <caption className="sr-only">Rules in the active rule pack</caption>
      <thead>
        <tr className="border-b border-slate-200 text-left text-slate-700">
          <th className="p-2 font-medium">Rule</th>
          <th className="p-2 font-medium">Severity</th>
          <th className="p-2 font-medium">Clauses</th>
          <th className="p-2 font-medium">State</th>
        </tr>
      </thead>
      <tbody>
        {rules.map((rule) => (
          <tr key={rule.id} className="border-b border-slate-100 align-top">
            <td className="p-2">
              <p className="font-mono text-xs text-slate-900">
                {rule.id} <span className="text-slate-600">v{rule.version}</span>
              </p>
              <p className="text-slate-700">{rule.description}</p>
            </td>
            <td className="p-2">
              <Badge tone={severityTone[rule.severity]}>{rule.severity}</Badge>
            </td>
            <td className="p-2 text-slate-700">{rule.clauses.length ? rule.clauses.join(", ") : "—"}</td>
            <td className="p-2">
              <Badge tone={rule.enabled ? "good" : "neutral"}>{rule.enabled ? "on" : "off"}</Badge>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
