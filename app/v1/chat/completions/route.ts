import { answerQuestion } from "@/lib/agent/answer-question";
import { createAgentDeps } from "@/lib/agent/create-agent-deps";
import { fromOpenAiMessages, toOpenAiCompletion } from "@/lib/agent/openai-compatibility";
import { route } from "@/lib/http";
import { CHAT_BODY_LIMIT_BYTES } from "@/lib/schemas/chat";
import { openAiChatBodySchema } from "@/lib/schemas/openai-chat";

export const dynamic = "force-dynamic";

/** OpenAI-compatible chat completions; `model` names the CAM scenario. Authenticate with an API key. */
export const POST = route({
  access: "chat",
  body: openAiChatBodySchema,
  maxBodyBytes: CHAT_BODY_LIMIT_BYTES * 4,
  handler: async ({ body, caller, requestId }) => {
    const { question, history } = fromOpenAiMessages(body);
    const answer = await answerQuestion(createAgentDeps({ requestId }), {
      question,
      history,
      scenarioId: body.model,
      userId: caller.userId,
      source: "api",
    });
    return toOpenAiCompletion(answer, question);
  },
});
