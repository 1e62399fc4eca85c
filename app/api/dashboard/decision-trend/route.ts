import { dashboardQuerySchema } from "@/lib/dashboard/dashboard-filters";
import { getDecisionTrend } from "@/lib/dashboard/get-decision-trend";
import { getDb } from "@/lib/db";
import { route } from "@/lib/http";

export const dynamic = "force-dynamic";

/** CAM's allow, warn and block rates per time bucket with block-rate spikes, for the dashboard's filters. */
export const GET = route({
  access: "audit.read",
  query: dashboardQuerySchema,
  handler: ({ query }) => getDecisionTrend(getDb(), query),
});
