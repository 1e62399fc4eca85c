import { randomBytes } from "node:crypto";
import { getDb } from "@/lib/db";
import { route } from "@/lib/http";
import { newUserBodySchema } from "@/lib/schemas/admin-users";
import { createUser } from "@/lib/users/create-user";
import { listUsersWithKeys } from "@/lib/users/list-users-with-keys";

export const dynamic = "force-dynamic";

/** Every account with its API keys. */
export const GET = route({ access: "users.manage", handler: () => listUsersWithKeys(getDb()) });

/** Creates an account with a generated password, returned this once only. */
export const POST = route({
  access: "users.manage",
  body: newUserBodySchema,
  handler: async ({ body, caller }) => {
    const password = randomBytes(18).toString("base64url");
    const user = await createUser(getDb(), { ...body, password }, caller.userId);
    return { user, password };
  },
});
