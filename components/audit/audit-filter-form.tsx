"use client";

import Link from "next/link";
import type { FormEvent, ReactNode } from "react";
import { endOfLocalDay, fromInputValue, startOfLocalDay, toInputValue } from "@/components/audit/local-dates";
import { Button } from "@/components/ui/button";
import type { AuditUrlState } from "@/lib/audit/audit-url";
import type { AuditFilterOptions } from "@/lib/audit/list-filter-options";
import { exchangeSorts, MAX_SEARCH_CHARS, sortLabels } from "@/lib/schemas/audit";

// The audit filters. Nothing applies until the form is submitted (Enter or
// "Apply filters"), so moving through a drop-down with the keyboard never
// reloads the results under the reader (WCAG 3.2.2).

const control = "mt-1 block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-sm text-slate-900";

function Labelled({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children}
    </div>
  );
}

function Choice({ id, label, value, children }: { id: string; label: string; value: string | undefined; children: ReactNode }) {
  return (
    <Labelled id={id} label={label}>
      <select id={id} name={id} defaultValue={value ?? ""} className={control}>
        {children}
      </select>
    </Labelled>
  );
}

/** The filters as a form; `onApply` receives the new view (always back on the first page). */
export function AuditFilterForm({
  state,
  options,
  onApply,
}: {
  state: AuditUrlState;
  options: AuditFilterOptions;
  onApply: (next: AuditUrlState) => void;
}) {
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim() || undefined;
    const from = text("from");
    const to = text("to");
    onApply({
      q: text("q"),
      action: text("action"),
      rule: text("rule"),
      scenario: text("scenario"),
      model: text("model"),
      verdict: text("verdict"),
      minCompliance: text("minCompliance"),
      maxCompliance: text("maxCompliance"),
      reviewed: text("reviewed"),
      from: from ? startOfLocalDay(from) : undefined,
      to: to ? endOfLocalDay(to) : undefined,
      conversation: state.conversation,
      run: state.run,
      sort: text("sort") === "newest" ? undefined : text("sort"),
    });
  }

  return (
    <form role="search" aria-label="Filter exchanges" onSubmit={submit} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <Labelled id="q" label="Search questions and answers">
        <input
          id="q"
          name="q"
          type="search"
          defaultValue={state.q ?? ""}
          maxLength={MAX_SEARCH_CHARS}
          aria-describedby="q-hint"
          className={control}
        />
        <p id="q-hint" className="mt-1 text-xs text-slate-600">
          Matches the redacted text (identifiers appear as [phone number], [email], [medicare number]), ignoring case.
        </p>
      </Labelled>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-4">
        <Choice id="action" label="Decision" value={state.action}>
          <option value="">Any decision</option>
          <option value="allow">Allowed</option>
          <option value="warn">Warned</option>
          <option value="block">Blocked</option>
        </Choice>
        <Choice id="rule" label="Rule fired" value={state.rule}>
          <option value="">Any rule</option>
          {options.rules.map((rule) => (
            <option key={rule} value={rule}>
              {rule}
            </option>
          ))}
        </Choice>
        <Choice id="scenario" label="Scenario" value={state.scenario}>
          <option value="">Any scenario</option>
          {options.scenarios.map((scenario) => (
            <option key={scenario.id} value={scenario.id}>
              {scenario.id} · {scenario.name}
            </option>
          ))}
        </Choice>
        <Choice id="model" label="Model" value={state.model}>
          <option value="">Any model</option>
          {options.models.map((model) => (
            <option key={model} value={model}>
              {model}
            </option>
          ))}
        </Choice>
        <Choice id="verdict" label="Judge verdict" value={state.verdict}>
          <option value="">Any verdict</option>
          <option value="allow">allow</option>
          <option value="warn">warn</option>
          <option value="block">block</option>
        </Choice>
        <Choice id="reviewed" label="Reviewed" value={state.reviewed}>
          <option value="">Reviewed or not</option>
          <option value="yes">Reviewed</option>
          <option value="no">Not yet reviewed</option>
        </Choice>
        <Labelled id="from" label="From (your time zone)">
          <input id="from" name="from" type="date" defaultValue={fromInputValue(state.from)} className={control} />
        </Labelled>
        <Labelled id="to" label="To, inclusive">
          <input id="to" name="to" type="date" defaultValue={toInputValue(state.to)} className={control} />
        </Labelled>
        <Labelled id="minCompliance" label="Judge compliance from">
          <input id="minCompliance" name="minCompliance" type="number" min={0} max={5} step="any" defaultValue={state.minCompliance ?? ""} className={control} />
        </Labelled>
        <Labelled id="maxCompliance" label="Judge compliance to">
          <input id="maxCompliance" name="maxCompliance" type="number" min={0} max={5} step="any" defaultValue={state.maxCompliance ?? ""} className={control} />
        </Labelled>
        <Choice id="sort" label="Order" value={state.sort ?? "newest"}>
          {exchangeSorts.map((sort) => (
            <option key={sort} value={sort}>
              {sortLabels[sort]}
            </option>
          ))}
        </Choice>
      </div>
      {(state.conversation || state.run) && (
        <p className="text-sm text-slate-700">
          Showing one {state.conversation ? "conversation" : "evaluation run"} only. <Link href="/audit" className="font-medium text-blue-800 underline">Show all exchanges</Link>
        </p>
      )}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit">Apply filters</Button>
        <Link href="/audit" className="rounded-md px-3 py-2 text-sm font-medium text-blue-800 underline hover:bg-slate-100">
          Clear filters
        </Link>
      </div>
    </form>
  );
}
