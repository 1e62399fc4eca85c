import { getRulesAdmin } from "@/lib/config/get-rules-admin";
import { saveRulePack } from "@/lib/config/save-rule-pack";
import { getDb } from "@/lib/db";
import { route } from "@/lib/http";
import { CONFIG_BODY_LIMIT_BYTES, saveRulePackBodySchema } from "@/lib/schemas/config-changes";

export const dynamic = "force-dynamic";

/** The rule pack in force and the built-in checks a rule can name. */
export const GET = route({ access: "config.write", handler: () => getRulesAdmin(getDb()) });

/** Saves an edited rule pack as a draft awaiting approval. */
export const POST = route({
  access: "config.write",
  body: saveRulePackBodySchema,
  maxBodyBytes: CONFIG_BODY_LIMIT_BYTES,
  handler: ({ body, caller }) => saveRulePack(getDb(), { actorId: caller.userId, body }),
});
