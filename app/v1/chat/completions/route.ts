import { type AgentStage, answerQuestion } from "@/lib/agent/answer-question";
import { createAgentDeps } from "@/lib/agent/create-agent-deps";
import { fromOpenAiMessages, toOpenAiCompletion } from "@/lib/agent/openai-compatibility";
import { streamOpenAiCompletion } from "@/lib/agent/stream-openai-completion";
import { route } from "@/lib/http";
import { CHAT_BODY_LIMIT_BYTES } from "@/lib/schemas/chat";
import { openAiChatBodySchema } from "@/lib/schemas/openai-chat";

export const dynamic = "force-dynamic";

/** OpenAI-compatible chat completions, streamed on request; `model` names the CAM scenario. Authenticate with an API key. */
export const POST = route({
  access: "chat",
  body: openAiChatBodySchema,
  maxBodyBytes: CHAT_BODY_LIMIT_BYTES * 4,
  handler: async ({ body, caller, requestId }) => {
    const { question, history } = fromOpenAiMessages(body);
    const answer = (onStage?: (stage: AgentStage) => void) =>
      answerQuestion(createAgentDeps({ requestId, onStage }), { question, history, scenarioId: body.model, userId: caller.userId, source: "api" });
    if (body.stream) return streamOpenAiCompletion({ answer, question, includeUsage: body.stream_options?.include_usage === true, requestId });
    return toOpenAiCompletion(await answer(), question);
  },
});
