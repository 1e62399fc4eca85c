import { runWhatIf } from "@/lib/config/run-what-if";
import { getDb } from "@/lib/db";
import { route } from "@/lib/http";
import { CONFIG_BODY_LIMIT_BYTES, whatIfBodySchema } from "@/lib/schemas/config-changes";

export const dynamic = "force-dynamic";

/** Replays recent audited exchanges under a candidate rule pack or settings; no model is called. */
export const POST = route({
  access: "config.write",
  body: whatIfBodySchema,
  maxBodyBytes: CONFIG_BODY_LIMIT_BYTES,
  handler: ({ body }) => runWhatIf(getDb(), body),
});
