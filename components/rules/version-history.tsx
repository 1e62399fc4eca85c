"use client";

import { useQuery } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/fields";
import { LocalTime } from "@/components/ui/local-time";
import { ErrorState, LoadingState } from "@/components/ui/status";
import { apiFetch } from "@/lib/api-client";
import type { ConfigKind, ConfigVersionSummary } from "@/lib/config/list-config-history";
import { queryKeys } from "@/lib/query-keys";

// The version history of the rule pack or the settings (both pages use it):
// who saved each version, when and why; a comparison of any two versions; and
// roll-back, which saves an old version's content as a new version.

const sources: Record<ConfigKind, { key: readonly unknown[]; path: string; noun: string }> = {
  rules: { key: queryKeys.ruleSetHistory, path: "/api/rules/versions", noun: "rule pack" },
  settings: { key: queryKeys.settingsHistory, path: "/api/settings/versions", noun: "settings" },
};

type Props = {
  kind: ConfigKind;
  onRollback: (version: number) => void;
  /** The comparison of two versions, loaded by the caller's diff view. */
  renderDiff: (from: number, to: number) => ReactNode;
};

/** The history table and the comparison of two versions. */
export function VersionHistory({ kind, onRollback, renderDiff }: Props) {
  const source = sources[kind];
  const history = useQuery({ queryKey: source.key, queryFn: () => apiFetch<ConfigVersionSummary[]>(source.path) });
  const [picked, setPicked] = useState<{ from?: number; to?: number }>({});

  if (history.isPending) return <LoadingState label="Loading the version history…" />;
  if (history.isError) return <ErrorState message={history.error.message} onRetry={() => void history.refetch()} />;
  const versions = history.data;
  const from = picked.from ?? versions[1]?.version;
  const to = picked.to ?? versions[0]?.version;

  return (
    <div className="space-y-5">
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full min-w-[34rem] border-collapse text-sm">
          <caption className="sr-only">Versions of the {source.noun}, newest first</caption>
          <thead>
            <tr className="border-b border-slate-200 text-left text-slate-700">
              <th scope="col" className="p-3 font-medium">Version</th>
              <th scope="col" className="p-3 font-medium">Saved</th>
              <th scope="col" className="p-3 font-medium">By</th>
              <th scope="col" className="p-3 font-medium">What changed</th>
              <th scope="col" className="p-3 font-medium"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {versions.map((version) => (
              <tr key={version.version} className="border-b border-slate-100 align-top">
                <th scope="row" className="whitespace-nowrap p-3 text-left font-normal">
                  <span className="font-medium text-slate-900">v{version.version}</span>{" "}
                  <Badge tone={version.status === "active" ? "good" : "neutral"}>{version.status === "active" ? "in force" : version.status}</Badge>
                </th>
                <td className="whitespace-nowrap p-3 text-slate-800">
                  <LocalTime iso={version.createdAt} />
                </td>
                <td className="p-3 text-slate-800">
                  {version.author ? (
                    <>
                      {version.author.name}
                      <span className="block text-xs text-slate-600">{version.author.email}</span>
                    </>
                  ) : (
                    <span className="text-slate-700">installation</span>
                  )}
                </td>
                <td className="p-3 text-slate-800">
                  {version.change?.summary ?? "—"}
                  {version.note && <span className="mt-1 block text-xs text-slate-600">Note: {version.note}</span>}
                </td>
                <td className="p-3 text-right">
                  {version.status === "superseded" && (
                    <Button variant="secondary" onClick={() => onRollback(version.version)} className="whitespace-nowrap">
                      Roll back to v{version.version}
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {versions.length > 1 && from !== undefined && to !== undefined ? (
        <section aria-labelledby={`${kind}-compare-heading`} className="rounded-lg border border-slate-200 bg-white p-4">
          <h3 id={`${kind}-compare-heading`} className="text-base font-semibold text-slate-900">
            Compare two versions
          </h3>
          <div className="mt-2 mb-4 grid max-w-lg grid-cols-2 gap-3">
            <SelectField id={`${kind}-compare-from`} label="From version" value={from} onChange={(event) => setPicked({ from: Number(event.target.value), to })}>
              {versions.map((version) => (
                <option key={version.version} value={version.version}>
                  v{version.version}
                </option>
              ))}
            </SelectField>
            <SelectField id={`${kind}-compare-to`} label="To version" value={to} onChange={(event) => setPicked({ from, to: Number(event.target.value) })}>
              {versions.map((version) => (
                <option key={version.version} value={version.version}>
                  v{version.version}
                </option>
              ))}
            </SelectField>
          </div>
          {from === to ? <p className="text-sm text-slate-700">Choose two different versions to compare.</p> : renderDiff(from, to)}
        </section>
      ) : (
        <p className="text-sm text-slate-700">There is only one version so far; saved changes appear here with who made them and when.</p>
      )}
    </div>
  );
}
