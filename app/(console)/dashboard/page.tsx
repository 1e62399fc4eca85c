import type { Metadata } from "next";
import { DashboardCharts } from "@/components/charts/dashboard/dashboard-charts";
import { DashboardFilterBar } from "@/components/charts/dashboard/dashboard-filter-bar";
import { AccessDenied } from "@/components/ui/access-denied";
import { PageHeader } from "@/components/ui/page-header";
import { Notice } from "@/components/ui/status";
import { getPageAccess } from "@/lib/auth/current-caller";
import { readDashboardFilters } from "@/lib/dashboard/dashboard-filters";
import { listDashboardFilterOptions } from "@/lib/dashboard/list-dashboard-filter-options";
import { getDb } from "@/lib/db";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { caller, allowed } = await getPageAccess("/dashboard", "audit.read");
  if (!allowed) return <AccessDenied permission="audit.read" role={caller.role} />;
  const { filters, problems } = readDashboardFilters(await searchParams, new Date());
  const options = await listDashboardFilterOptions(getDb());

  return (
    <>
      <PageHeader
        title="Dashboard"
        description="CAM's decisions, judge scores for helpfulness and compliance, and answer times, for the range and filters below."
      />
      {problems.length > 0 && (
        <div className="mb-4">
          <Notice tone="warn" title="Some filters in the address were not valid, so the defaults are shown">
            <ul className="list-disc pl-5">
              {problems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          </Notice>
        </div>
      )}
      <DashboardFilterBar filters={filters} options={options} />
      <DashboardCharts filters={filters} judgeOrder={options.judges} />
    </>
  );
}
