import { getDb } from "@/lib/db";
import { route } from "@/lib/http";
import { listEvaluationRuns } from "@/lib/runs/list-evaluation-runs";
import { runListQuerySchema } from "@/lib/runs/run-query-schemas";

export const dynamic = "force-dynamic";

/** Evaluation runs, newest first, with progress and headline metrics. */
export const GET = route({
  access: "audit.read",
  query: runListQuerySchema,
  handler: ({ query }) => listEvaluationRuns(getDb(), { take: query.take }),
});
