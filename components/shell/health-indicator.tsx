"use client";

import { useQuery } from "@tanstack/react-query";
import type { HealthReport } from "@/lib/health/check-health";
import { queryKeys } from "@/lib/query-keys";

/** How often the console re-checks its services. */
const REFRESH_MS = 30_000;

async function fetchHealth(): Promise<HealthReport> {
  // The report comes with 503 when the database is down; it is still the answer to show.
  const response = await fetch("/api/health", { cache: "no-store" });
  return (await response.json()) as HealthReport;
}

const statusText: Record<HealthReport["status"], string> = {
  ok: "All services working",
  degraded: "Some services need attention",
  down: "Database unavailable",
};

const dotColour: Record<HealthReport["status"], string> = {
  ok: "bg-green-600",
  degraded: "bg-amber-500",
  down: "bg-red-600",
};

/** The state of the database, store and model servers, with what to do about each problem. */
export function HealthIndicator() {
  const { data, isPending, isError } = useQuery({
    queryKey: queryKeys.health,
    queryFn: fetchHealth,
    refetchInterval: REFRESH_MS,
  });

  if (isPending) return <p className="text-xs text-slate-600">Checking services…</p>;
  if (isError || !data) {
    return (
      <p role="status" className="text-xs text-red-800">
        Cannot reach the CAM server to check its services.
      </p>
    );
  }
  return (
    <details className="text-xs text-slate-700">
      <summary className="flex cursor-pointer list-none items-center gap-2">
        <span aria-hidden className={`inline-block h-2.5 w-2.5 rounded-full ${dotColour[data.status]}`} />
        <span role="status">{statusText[data.status]}</span>
      </summary>
      <ul className="mt-2 space-y-1 pl-4">
        <li>
          Database ({data.database.provider}): {data.database.status}
        </li>
        <li>Retrieval store: {data.store.status}</li>
        {data.models.map((model) => (
          <li key={model.name}>
            {model.name}: {model.status.replace("_", " ")}
          </li>
        ))}
        {data.offshore && (
          <li>
            Questions to Gemini (outside Australia):{" "}
            {data.offshore.gemini.allowed ? `allowed since ${new Date(data.offshore.gemini.since!).toLocaleDateString()}` : "not allowed"}
          </li>
        )}
      </ul>
      {data.problems.length > 0 && (
        <ul className="mt-2 space-y-1 border-t border-slate-200 pt-2">
          {data.problems.map((problem) => (
            <li key={problem} className="text-amber-900">
              {problem}
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}
