"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { readerTimeZone } from "@/components/charts/bucket-labels";
import { useMounted } from "@/components/charts/use-mounted";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/fields";
import { TextField } from "@/components/ui/text-field";
import { type DashboardFilters, dashboardSearchParams } from "@/lib/dashboard/dashboard-filters";
import type { DashboardFilterOptions } from "@/lib/dashboard/dashboard-types";

const BUCKET_LABELS = { auto: "Automatic", hour: "Hours", day: "Days", month: "Months" } as const;
const SOURCE_LABELS = { console: "Console", api: "API", pipeline: "Evaluation runs" } as const;

/** The dashboard's filters as a form whose values live in the URL, so a view can be bookmarked and shared; it works without JavaScript too. */
export function DashboardFilterBar({ filters, options }: { filters: DashboardFilters; options: DashboardFilterOptions }) {
  const router = useRouter();
  const mounted = useMounted();

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const [key, value] of new FormData(event.currentTarget)) {
      if (typeof value === "string" && value !== "" && !(key === "bucket" && value === "auto")) params.set(key, value);
    }
    router.push(`/dashboard?${params}`);
  }

  return (
    <form
      key={dashboardSearchParams(filters).toString()}
      method="get"
      action="/dashboard"
      onSubmit={apply}
      aria-label="Dashboard filters"
      className="mb-6 rounded-lg border border-slate-200 bg-white p-4"
    >
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4 2xl:grid-cols-7">
        <TextField id="filter-from" name="from" type="date" label="From (UTC day)" defaultValue={filters.from} required />
        <TextField id="filter-to" name="to" type="date" label="To (UTC day)" defaultValue={filters.to} required />
        <SelectField id="filter-scenario" name="scenario" label="Scenario" defaultValue={filters.scenario ?? ""}>
          <option value="">All scenarios</option>
          {options.scenarios.map((scenario) => (
            <option key={scenario.id} value={scenario.id}>
              {scenario.id}: {scenario.name}
            </option>
          ))}
        </SelectField>
        <SelectField id="filter-judge" name="judge" label="Judge" defaultValue={filters.judge ?? ""}>
          <option value="">All judges</option>
          {options.judges.map((judge) => (
            <option key={judge} value={judge}>
              {judge}
            </option>
          ))}
        </SelectField>
        <SelectField id="filter-model" name="model" label="Model" defaultValue={filters.model ?? ""}>
          <option value="">All models</option>
          {options.models.map((model) => (
            <option key={model} value={model}>
              {model}
            </option>
          ))}
        </SelectField>
        <SelectField id="filter-source" name="source" label="Asked from" defaultValue={filters.source ?? ""}>
          <option value="">Anywhere</option>
          {Object.entries(SOURCE_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </SelectField>
        <SelectField id="filter-bucket" name="bucket" label="Time buckets" defaultValue={filters.bucketChoice}>
          {Object.entries(BUCKET_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
              {value === "auto" ? ` (${filters.bucketChoice === "auto" ? `now ${filters.bucket}s` : "by range"})` : ""}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="mt-4 flex flex-wrap items-center gap-4">
        <Button type="submit">Apply filters</Button>
        <Link href="/dashboard" className="text-sm font-medium text-blue-800 underline underline-offset-2">
          Reset to the last 30 days
        </Link>
        <p className="text-xs text-slate-600">
          Days and months are UTC; hours and the &ldquo;covers&rdquo; column of each table are in your time zone
          {mounted ? ` (${readerTimeZone()})` : ""}. The judge filter applies to judge-score charts.
        </p>
      </div>
    </form>
  );
}
