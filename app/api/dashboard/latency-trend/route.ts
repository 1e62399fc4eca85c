import { dashboardQuerySchema } from "@/lib/dashboard/dashboard-filters";
import { getLatencyTrend } from "@/lib/dashboard/get-latency-trend";
import { getDb } from "@/lib/db";
import { route } from "@/lib/http";

export const dynamic = "force-dynamic";

/** Latency p50 and p95 per time bucket, for the dashboard's filters. */
export const GET = route({
  access: "audit.read",
  query: dashboardQuerySchema,
  handler: ({ query }) => getLatencyTrend(getDb(), query),
});
