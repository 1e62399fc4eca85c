import { exportExchanges } from "@/lib/audit/export-exchanges";
import { getDb } from "@/lib/db";
import { route } from "@/lib/http";
import { exchangeExportQuerySchema } from "@/lib/schemas/audit";

export const dynamic = "force-dynamic";

/** Every exchange matching the filters as a CSV or JSON Lines download, streamed; redacted text only. */
export const GET = route({
  access: "audit.read",
  query: exchangeExportQuerySchema,
  handler: async ({ query, requestId }) => {
    const { filename, contentType, body } = exportExchanges(getDb(), query, { requestId });
    return new Response(body, {
      headers: {
        "content-type": contentType,
        "content-disposition": `attachment; filename="${filename}"`,
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      },
    });
  },
});
