import { dashboardQuerySchema } from "@/lib/dashboard/dashboard-filters";
import { getScoreDistribution } from "@/lib/dashboard/get-score-distribution";
import { getDb } from "@/lib/db";
import { route } from "@/lib/http";

export const dynamic = "force-dynamic";

/** Histogram of judge compliance and helpfulness scores per judge, for the dashboard's filters. */
export const GET = route({
  access: "audit.read",
  query: dashboardQuerySchema,
  handler: ({ query }) => getScoreDistribution(getDb(), query),
});
