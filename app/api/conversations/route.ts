import { listConversations } from "@/lib/conversations/list-conversations";
import { getDb } from "@/lib/db";
import { route } from "@/lib/http";
import { listConversationsQuerySchema } from "@/lib/schemas/conversations";

export const dynamic = "force-dynamic";

/** The caller's own conversations, most recently active first, a page at a time (`?cursor=&limit=`). */
export const GET = route({
  access: "chat",
  query: listConversationsQuerySchema,
  handler: ({ query, caller }) => listConversations(getDb(), { userId: caller.userId, ...query }),
});
