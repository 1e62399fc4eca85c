import { revokeApiKey } from "@/lib/auth/api-keys";
import { getDb } from "@/lib/db";
import { route } from "@/lib/http";

export const dynamic = "force-dynamic";

/** Revokes an API key at once. */
export const DELETE = route({
  access: "users.manage",
  handler: async ({ params, caller }) => {
    await revokeApiKey(getDb(), { id: String(params.id), actorId: caller.userId });
    return { revoked: true };
  },
});
