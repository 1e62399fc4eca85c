import { getDb } from "@/lib/db";
import { route } from "@/lib/http";
import { getRunReport, reportHeaders } from "@/lib/runs/get-run-report";
import { runReportQuerySchema } from "@/lib/runs/run-query-schemas";

export const dynamic = "force-dynamic";

/** The run's report, ?format=html (self-contained, served under a policy that lets it load nothing) or ?format=json. */
export const GET = route({
  access: "audit.read",
  query: runReportQuerySchema,
  handler: async ({ params, query }) => {
    const report = await getRunReport(getDb(), { runId: String(params.id), format: query.format });
    return new Response(report.body, { headers: reportHeaders(report) });
  },
});
