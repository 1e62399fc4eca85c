import { getDb } from "@/lib/db";
import { route } from "@/lib/http";
import { getRunDetails } from "@/lib/runs/get-run-details";

export const dynamic = "force-dynamic";

/** One evaluation run with its metrics (stored, or computed now while it runs). */
export const GET = route({
  access: "audit.read",
  handler: ({ params }) => getRunDetails(getDb(), String(params.id)),
});
