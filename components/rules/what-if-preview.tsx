"use client";

import type { UseQueryResult } from "@tanstack/react-query";
import Link from "next/link";
import { type FormEvent, useState } from "react";
import { ActionBadge } from "@/components/rules/action-badge";
import { Button } from "@/components/ui/button";
import { InputField } from "@/components/ui/input-field";
import { LocalTime } from "@/components/ui/local-time";
import { ErrorState, LoadingState, Notice } from "@/components/ui/status";
import type { DecisionChange, FindingView } from "@/lib/config/replay-exchanges";
import type { WhatIfResponse } from "@/lib/config/run-what-if";
import { WHAT_IF_MAX_EXCHANGES } from "@/lib/schemas/config-changes";

// The what-if preview of a rule or settings change (used by the rules and the
// thresholds pages): how many recorded decisions the change would alter, which
// ones, and what the replay cannot show.

type Props = { query: UseQueryResult<WhatIfResponse>; limit: number; onLimitChange: (limit: number) => void };

/** The preview's controls and result. */
export function WhatIfPreview({ query, limit, onLimitChange }: Props) {
  const [typed, setTyped] = useState(String(limit));
  const [error, setError] = useState<string>();

  function replay(event: FormEvent) {
    event.preventDefault();
    const value = Number(typed);
    if (!Number.isInteger(value) || value < 1 || value > WHAT_IF_MAX_EXCHANGES) {
      setError(`must be a whole number from 1 to ${WHAT_IF_MAX_EXCHANGES}`);
      return;
    }
    setError(undefined);
    if (value === limit) void query.refetch();
    else onLimitChange(value);
  }

  return (
    <section aria-labelledby="what-if-heading" className="space-y-3">
      <h3 id="what-if-heading" className="text-base font-semibold text-slate-900">
        What-if preview
      </h3>
      <form onSubmit={replay} noValidate className="flex flex-wrap items-end gap-3">
        <InputField
          id="what-if-limit"
          label="Recent exchanges to replay"
          type="number"
          inputMode="numeric"
          min={1}
          max={WHAT_IF_MAX_EXCHANGES}
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
          error={error ? `Recent exchanges to replay ${error}` : undefined}
          className="w-56"
        />
        <Button type="submit" variant="secondary" disabled={query.isFetching}>
          {query.isFetching ? "Replaying…" : "Replay"}
        </Button>
      </form>
      <div aria-live="polite" aria-busy={query.isFetching}>
        {query.isPending ? (
          <LoadingState label={`Replaying the last ${limit} exchanges…`} />
        ) : query.isError ? (
          <ErrorState title="The preview could not run" message={query.error.message} onRetry={() => void query.refetch()} />
        ) : (
          <WhatIfResultView result={query.data} />
        )}
      </div>
    </section>
  );
}

const plural = (count: number, one: string, many = `${one}s`) => `${count.toLocaleString()} ${count === 1 ? one : many}`;

function WhatIfResultView({ result }: { result: WhatIfResponse }) {
  if (result.considered === 0) {
    return <Notice title="Nothing to replay yet">No exchanges are recorded, so no decision can change. The change applies to new questions.</Notice>;
  }
  const changed = result.decisionChanges.length;
  return (
    <div className="space-y-4" data-testid="what-if-result">
      <div className={`rounded-lg border p-3 text-sm ${changed ? "border-amber-300 bg-amber-50 text-amber-950" : "border-green-300 bg-green-50 text-green-950"}`}>
        <p className="font-semibold">
          {changed ? `${plural(changed, "decision")} would change` : "No decision would change"}
          {changed > 0 && `: ${result.transitions.map((t) => `${t.count} ${t.from} → ${t.to}`).join(", ")}`}
        </p>
        <p className="mt-1">
          Replayed {result.replayed.toLocaleString()} of the last {plural(result.considered, "exchange")}
          {result.notReplayable.length > 0 && ` (${result.notReplayable.length} could not be replayed)`}, compared with rule pack version{" "}
          {result.versions.ruleSet} and settings version {result.versions.settings} in force.
          {result.findingChanges.length > 0 && ` ${plural(result.findingChanges.length, "more exchange")} would keep its decision but with different findings.`}
          {result.judgeVerdictChanges.length > 0 && ` ${plural(result.judgeVerdictChanges.length, "judge verdict")} would change.`}
        </p>
      </div>
      {changed > 0 && <ChangeTable caption="Decisions that would change" changes={result.decisionChanges} />}
      {result.findingChanges.length > 0 && (
        <details className="rounded-lg border border-slate-200 bg-white p-3">
          <summary className="cursor-pointer text-sm font-medium text-slate-900">
            Same decision, different findings ({result.findingChanges.length})
          </summary>
          <div className="mt-3">
            <ChangeTable caption="Exchanges whose findings would change" changes={result.findingChanges} />
          </div>
        </details>
      )}
      {result.judgeVerdictChanges.length > 0 && (
        <details className="rounded-lg border border-slate-200 bg-white p-3">
          <summary className="cursor-pointer text-sm font-medium text-slate-900">Judge verdicts that would change ({result.judgeVerdictChanges.length})</summary>
          <ul className="mt-2 space-y-1 text-sm">
            {result.judgeVerdictChanges.map((change) => (
              <li key={`${change.exchangeId}-${change.judgeId}`} className="flex flex-wrap items-center gap-2">
                <Link href={`/audit/${change.exchangeId}`} prefetch={false} className="text-blue-800 underline">
                  <LocalTime iso={change.createdAt} />
                </Link>
                <span className="text-slate-800">
                  {change.judgeId} scored {change.compliance}:
                </span>
                <ActionBadge action={change.before} /> → <ActionBadge action={change.after} />
              </li>
            ))}
          </ul>
        </details>
      )}
      {result.notReplayable.length > 0 && (
        <details className="rounded-lg border border-slate-200 bg-white p-3">
          <summary className="cursor-pointer text-sm font-medium text-slate-900">Not replayable ({result.notReplayable.length})</summary>
          <ul className="mt-2 space-y-2 text-sm">
            {result.notReplayable.map((item) => (
              <li key={item.exchangeId}>
                <Link href={`/audit/${item.exchangeId}`} prefetch={false} className="text-blue-800 underline">
                  <LocalTime iso={item.createdAt} />
                </Link>{" "}
                <span className="text-slate-900">{item.question}</span>
                <p className="text-xs text-slate-700">{item.reason}</p>
              </li>
            ))}
          </ul>
        </details>
      )}
      <Notice title="What this preview cannot show">
        <ul className="list-disc space-y-1 pl-5">
          {result.caveats.map((caveat) => (
            <li key={caveat}>{caveat}</li>
          ))}
          {result.drift > 0 && (
            <li>
              {plural(result.drift, "replayed exchange")} would already be decided differently today than when recorded (under other rule or settings
              versions); the preview compares with today&apos;s configuration, so those differences are not counted as changes.
            </li>
          )}
        </ul>
      </Notice>
    </div>
  );
}

function Findings({ findings, sign }: { findings: FindingView[]; sign: "+" | "−" }) {
  return findings.map((finding, index) => (
    <li key={`${sign}${index}`} className={sign === "+" ? "text-slate-900" : "text-slate-700"}>
      <span aria-hidden="true">{sign}</span>
      <span className="sr-only">{sign === "+" ? "appears:" : "disappears:"}</span> <span className="font-mono">{finding.ruleId}</span> ({finding.severity})
      {finding.evidence && <span className="block break-words pl-4 text-xs text-slate-600">“{finding.evidence}”</span>}
    </li>
  ));
}

function ChangeTable({ caption, changes }: { caption: string; changes: DecisionChange[] }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full min-w-[40rem] border-collapse text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-slate-200 text-left text-slate-700">
            <th scope="col" className="p-2 font-medium">Asked</th>
            <th scope="col" className="p-2 font-medium">Question (redacted)</th>
            <th scope="col" className="p-2 font-medium">Decision</th>
            <th scope="col" className="p-2 font-medium">Findings</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((change) => (
            <tr key={change.exchangeId} className="border-b border-slate-100 align-top">
              <td className="whitespace-nowrap p-2">
                <Link href={`/audit/${change.exchangeId}`} prefetch={false} className="text-blue-800 underline">
                  <LocalTime iso={change.createdAt} />
                  <span className="sr-only"> (open in the audit)</span>
                </Link>
              </td>
              <td className="max-w-sm p-2 text-slate-900">
                <span className="line-clamp-3">{change.question}</span>
                {change.fallback && <span className="block text-xs text-slate-600">No stored passage is left: replayed with the no-sources answer.</span>}
              </td>
              <td className="whitespace-nowrap p-2">
                <ActionBadge action={change.before} /> <span aria-hidden="true">→</span>
                <span className="sr-only">becomes</span> <ActionBadge action={change.after} />
                {change.recorded.action !== change.before && <span className="block text-xs text-slate-600">recorded: {change.recorded.action}</span>}
              </td>
              <td className="p-2">
                <ul className="space-y-1">
                  <Findings findings={change.appeared} sign="+" />
                  <Findings findings={change.disappeared} sign="−" />
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
