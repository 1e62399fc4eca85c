import { route } from "@/lib/http";

export const dynamic = "force-dynamic";

/** Liveness for load balancers: the process answers HTTP. /api/health is the readiness check. */
export const GET = route({ access: "public", handler: async () => ({ ok: true }) });
