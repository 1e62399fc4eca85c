import { scoresByGroupQuerySchema } from "@/lib/dashboard/dashboard-filters";
import { getScoresByGroup } from "@/lib/dashboard/get-scores-by-group";
import { getDb } from "@/lib/db";
import { route } from "@/lib/http";

export const dynamic = "force-dynamic";

/** Average judge scores per scenario (?by=scenario) or model (?by=model) and judge, for the dashboard's filters. */
export const GET = route({
  access: "audit.read",
  query: scoresByGroupQuerySchema,
  handler: ({ query }) => getScoresByGroup(getDb(), query.filters, query.by),
});
