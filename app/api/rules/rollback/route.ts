import { rollbackRulePack } from "@/lib/config/rollback-rule-pack";
import { getDb } from "@/lib/db";
import { route } from "@/lib/http";
import { rollbackBodySchema } from "@/lib/schemas/config-changes";

export const dynamic = "force-dynamic";

/** Puts an earlier rule pack back in force as a new version. */
export const POST = route({
  access: "config.write",
  body: rollbackBodySchema,
  handler: ({ body, caller }) => rollbackRulePack(getDb(), { actorId: caller.userId, body }),
});
