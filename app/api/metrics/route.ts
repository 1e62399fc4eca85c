import { getDb } from "@/lib/db";
import { route } from "@/lib/http";
import { renderMetrics } from "@/lib/metrics/render-metrics";

export const dynamic = "force-dynamic";

/** Prometheus metrics in the text format, for a scraper holding METRICS_TOKEN; see docs/metrics.md. */
export const GET = route({
  access: "metrics-token",
  handler: async () => {
    const { contentType, text } = await renderMetrics(getDb());
    return new Response(text, { headers: { "content-type": contentType, "cache-control": "no-store" } });
  },
});
