import { approveConfigDraft } from "@/lib/config/approve-config-draft";
import { getDb } from "@/lib/db";
import { route } from "@/lib/http";
import { approveDraftBodySchema } from "@/lib/schemas/config-changes";

export const dynamic = "force-dynamic";

/** Puts a draft someone else wrote in force, once the caller has previewed it. */
export const POST = route({
  access: "config.approve",
  body: approveDraftBodySchema,
  handler: ({ body, caller }) => approveConfigDraft(getDb(), { actorId: caller.userId, body }),
});
