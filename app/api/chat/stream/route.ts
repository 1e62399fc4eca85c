import { answerQuestion } from "@/lib/agent/answer-question";
import { createAgentDeps } from "@/lib/agent/create-agent-deps";
import { describeError, route, SSE_HEADERS } from "@/lib/http";
import { CHAT_BODY_LIMIT_BYTES, chatBodySchema } from "@/lib/schemas/chat";

export const dynamic = "force-dynamic";

/**
 * The same as POST /api/chat, as server-sent events: "stage" events while the
 * question moves through retrieving, generating, checking and recording, then
 * one "answer" event (the text is sent only after the decision) or one "error".
 */
export const POST = route({
  access: "chat",
  body: chatBodySchema,
  maxBodyBytes: CHAT_BODY_LIMIT_BYTES,
  handler: async ({ body, caller, requestId }) => {
    const encoder = new TextEncoder();
    const stream = new ReadableStream<Uint8Array>({
      async start(controller) {
        const send = (event: string, data: unknown) =>
          controller.enqueue(encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
        try {
          const deps = createAgentDeps({ requestId, onStage: (stage) => send("stage", { stage }) });
          send("answer", await answerQuestion(deps, { ...body, userId: caller.userId, source: "console" }));
        } catch (error) {
          send("error", describeError(error, requestId).body);
        } finally {
          controller.close();
        }
      },
    });
    return new Response(stream, { headers: SSE_HEADERS });
  },
});
