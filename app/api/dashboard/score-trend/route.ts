import { dashboardQuerySchema } from "@/lib/dashboard/dashboard-filters";
import { getScoreTrend } from "@/lib/dashboard/get-score-trend";
import { getDb } from "@/lib/db";
import { route } from "@/lib/http";

export const dynamic = "force-dynamic";

/** Average judge scores per time bucket and judge, for the dashboard's filters. */
export const GET = route({
  access: "audit.read",
  query: dashboardQuerySchema,
  handler: ({ query }) => getScoreTrend(getDb(), query),
});
