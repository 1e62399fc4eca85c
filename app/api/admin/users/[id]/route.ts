import { getDb } from "@/lib/db";
import { route } from "@/lib/http";
import { updateUserBodySchema } from "@/lib/schemas/admin-users";
import { updateUser } from "@/lib/users/update-user";

export const dynamic = "force-dynamic";

/** Changes an account's role, or disables or re-enables it. */
export const PATCH = route({
  access: "users.manage",
  body: updateUserBodySchema,
  handler: ({ body, params, caller }) => updateUser(getDb(), { userId: String(params.id), ...body, actorId: caller.userId }),
});
