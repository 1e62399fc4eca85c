import { rejectConfigDraft } from "@/lib/config/reject-config-draft";
import { getDb } from "@/lib/db";
import { route } from "@/lib/http";
import { rejectDraftBodySchema } from "@/lib/schemas/config-changes";

export const dynamic = "force-dynamic";

/** Rejects a draft someone else wrote, with a reason. */
export const POST = route({
  access: "config.approve",
  body: rejectDraftBodySchema,
  handler: ({ body, caller }) => rejectConfigDraft(getDb(), { actorId: caller.userId, body }),
});
