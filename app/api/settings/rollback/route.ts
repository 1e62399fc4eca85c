import { rollbackSettings } from "@/lib/config/rollback-settings";
import { getDb } from "@/lib/db";
import { route } from "@/lib/http";
import { rollbackBodySchema } from "@/lib/schemas/config-changes";

export const dynamic = "force-dynamic";

/** Puts earlier settings back in force as a new version. */
export const POST = route({
  access: "config.write",
  body: rollbackBodySchema,
  handler: ({ body, caller }) => rollbackSettings(getDb(), { actorId: caller.userId, body }),
});
