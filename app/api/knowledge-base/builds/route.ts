import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { route } from "@/lib/http";
import { startConsoleBuild } from "@/lib/pipeline/start-console-build";

export const dynamic = "force-dynamic";

/** Starts rebuilding the store from the documents folder; follow it at /api/knowledge-base/builds/<id>. */
export const POST = route({
  access: "config.write",
  handler: async ({ caller }) => ({ buildId: await startConsoleBuild(getDb(), { config: env(), actorId: caller.userId }) }),
});
