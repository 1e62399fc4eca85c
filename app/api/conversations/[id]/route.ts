import { getConversation } from "@/lib/conversations/get-conversation";
import { getDb } from "@/lib/db";
import { route } from "@/lib/http";

export const dynamic = "force-dynamic";

/** One of the caller's conversations with its questions, answers, passages, timings and judge scores; 403 for anyone else's. */
export const GET = route({
  access: "chat",
  handler: ({ params, caller }) => getConversation(getDb(), { conversationId: String(params.id), userId: caller.userId }),
});
