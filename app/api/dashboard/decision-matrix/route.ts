import { dashboardQuerySchema } from "@/lib/dashboard/dashboard-filters";
import { getDecisionMatrix } from "@/lib/dashboard/get-decision-matrix";
import { getDb } from "@/lib/db";
import { route } from "@/lib/http";

export const dynamic = "force-dynamic";

/** CAM's action × each judge's verdict, for the dashboard's filters. */
export const GET = route({
  access: "audit.read",
  query: dashboardQuerySchema,
  handler: ({ query }) => getDecisionMatrix(getDb(), query),
});
