import type { Metadata } from "next";
import Link from "next/link";
import { ComparisonCharts } from "@/components/runs/comparison-charts";
import { ComparisonTable } from "@/components/runs/comparison-table";
import { RunFacts } from "@/components/runs/run-facts";
import { RunPicker } from "@/components/runs/run-picker";
import { runTitle } from "@/components/runs/run-title";
import { AccessDenied } from "@/components/ui/access-denied";
import { PageHeader } from "@/components/ui/page-header";
import { Notice } from "@/components/ui/status";
import { getPageAccess } from "@/lib/auth/current-caller";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { NOTABLE_DIFFERENCE } from "@/lib/runs/compare-runs";
import { getRunComparison } from "@/lib/runs/get-run-comparison";
import { listEvaluationRuns } from "@/lib/runs/list-evaluation-runs";
import { runComparisonQuerySchema } from "@/lib/runs/run-query-schemas";

export const metadata: Metadata = { title: "Compare runs" };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function CompareRunsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { caller, allowed } = await getPageAccess("/runs/compare", "audit.read");
  if (!allowed) return <AccessDenied permission="audit.read" role={caller.role} />;
  const raw = await searchParams;
  const a = first(raw.a);
  const b = first(raw.b);
  const db = getDb();
  const runs = await listEvaluationRuns(db, { take: 200 });
  const query = runComparisonQuerySchema.safeParse({ a, b });
  const comparison = query.success
    ? await getRunComparison(db, query.data).catch((error: unknown) => {
        if (error instanceof AppError && error.code === "not_found") return error;
        throw error;
      })
    : null;

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/runs" className="text-blue-800 underline underline-offset-2">
          Evaluation runs
        </Link>
      </nav>
      <PageHeader
        title="Compare runs"
        description={`Two runs' metrics side by side. Differences are B − A; rates differ in percentage points. "Notable" marks a rate ${Math.round(NOTABLE_DIFFERENCE.rate * 100)} points or more apart, a score ${NOTABLE_DIFFERENCE.score} or more, a time ${Math.round(NOTABLE_DIFFERENCE.msRelative * 100)}% or more.`}
      />
      <div className="space-y-6">
        <RunPicker runs={runs} a={a} b={b} />
        {a && b && !query.success && <Notice tone="warn">{query.error.issues.map((issue) => `Run ${issue.path.join(".").toUpperCase()} ${issue.message}.`).join(" ")}</Notice>}
        {comparison instanceof AppError && <Notice tone="warn">{comparison.message}</Notice>}
        {comparison && !(comparison instanceof AppError) && (
          <>
            <div className="grid gap-4 lg:grid-cols-2">
              {(["a", "b"] as const).map((side) => (
                <section key={side} aria-labelledby={`run-${side}`} className="space-y-2">
                  <h2 id={`run-${side}`} className="text-base font-semibold text-slate-900">
                    Run {side.toUpperCase()}:{" "}
                    <Link href={`/runs/${comparison[side].id}`} className="text-blue-800 underline underline-offset-2">
                      {runTitle(comparison[side])}
                    </Link>
                  </h2>
                  <RunFacts run={comparison[side]} />
                </section>
              ))}
            </div>
            <ComparisonCharts blockRate={comparison.charts.blockRate} compliance={comparison.charts.compliance} labels={{ a: runTitle(comparison.a), b: runTitle(comparison.b) }} />
            <section aria-labelledby="scenario-differences" className="space-y-3">
              <h2 id="scenario-differences" className="text-lg font-semibold text-slate-900">
                Per scenario
              </h2>
              <div className="grid gap-4 lg:grid-cols-2">
                {comparison.scenarios.map((entry) => (
                  <ComparisonTable key={entry.key} entry={entry} />
                ))}
              </div>
            </section>
            {comparison.judges.length > 0 && (
              <section aria-labelledby="judge-differences" className="space-y-3">
                <h2 id="judge-differences" className="text-lg font-semibold text-slate-900">
                  Per judge
                </h2>
                <div className="grid gap-4 lg:grid-cols-2">
                  {comparison.judges.map((entry) => (
                    <ComparisonTable key={entry.key} entry={entry} />
                  ))}
                </div>
              </section>
            )}
          </>
        )}
      </div>
    </>
  );
}
