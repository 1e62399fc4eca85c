import { answerQuestion } from "@/lib/agent/answer-question";
import { createAgentDeps } from "@/lib/agent/create-agent-deps";
import { route } from "@/lib/http";
import { CHAT_BODY_LIMIT_BYTES, chatBodySchema } from "@/lib/schemas/chat";

export const dynamic = "force-dynamic";

/** Asks a question; answers with the checked answer, its decision, citations and timings. */
export const POST = route({
  access: "chat",
  body: chatBodySchema,
  maxBodyBytes: CHAT_BODY_LIMIT_BYTES,
  handler: ({ body, caller, requestId }) =>
    answerQuestion(createAgentDeps({ requestId }), { ...body, userId: caller.userId, source: "console" }),
});
