import { NextResponse } from "next/server";
import { checkHealth } from "@/lib/health/check-health";
import { route } from "@/lib/http";

export const dynamic = "force-dynamic";

/** Database, store and model-server status; 503 when the database is down. */
export const GET = route({
  access: "public",
  handler: async () => {
    const report = await checkHealth();
    return NextResponse.json(report, {
      status: report.status === "down" ? 503 : 200,
      headers: { "cache-control": "no-store" },
    });
  },
});
