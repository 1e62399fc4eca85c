import { previewConfigDraft } from "@/lib/config/preview-config-draft";
import { getDb } from "@/lib/db";
import { route } from "@/lib/http";
import { previewDraftBodySchema } from "@/lib/schemas/config-changes";

export const dynamic = "force-dynamic";

/** Replays recent exchanges under a draft and records that the caller saw the result (approval needs it). */
export const POST = route({
  access: "config.approve",
  body: previewDraftBodySchema,
  handler: ({ body, caller }) => previewConfigDraft(getDb(), { actorId: caller.userId, body }),
});
