import { getDb } from "@/lib/db";
import { route } from "@/lib/http";
import { getRunComparison } from "@/lib/runs/get-run-comparison";
import { runComparisonQuerySchema } from "@/lib/runs/run-query-schemas";

export const dynamic = "force-dynamic";

/** Runs ?a= and ?b= side by side: per scenario and per judge, with differences. */
export const GET = route({
  access: "audit.read",
  query: runComparisonQuerySchema,
  handler: ({ query }) => getRunComparison(getDb(), query),
});
