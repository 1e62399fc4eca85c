import { getDb } from "@/lib/db";
import { route } from "@/lib/http";
import { unlinkSso } from "@/lib/users/unlink-sso";

export const dynamic = "force-dynamic";

/** Unlinks an account from its single sign-on identity and signs it out everywhere. */
export const DELETE = route({
  access: "users.manage",
  handler: ({ params, caller }) => unlinkSso(getDb(), { userId: String(params.id), actorId: caller.userId }),
});
