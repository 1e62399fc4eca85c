import "server-only";
import type { AgentAnswer, AgentStage } from "@/lib/agent/answer-question";
import { toOpenAiChunks } from "@/lib/agent/openai-compatibility";
import { describeError, errorResponse, SSE_HEADERS } from "@/lib/http";

// `stream: true` on the OpenAI-compatible endpoint, as server-sent events in
// OpenAI's streaming format, so clients that always stream (chat front ends,
// SDK code written for streaming) work through CAM. Nothing of the answer is
// sent before CAM has decided on it: while the agent works, only SSE comments
// go out (each stage, and a keep-alive so proxies and clients do not give up
// on a slow model); then the checked text, CAM's decision and `[DONE]`.
// A refusal before the agent starts work (a limit, an unknown scenario, an
// offshore service not approved) is an ordinary HTTP error with its status and
// headers, so clients can back off; a failure after that is OpenAI's
// `{"error": …}` event, which the official clients raise as an API error.

/** How often a comment keeps a quiet connection open while the model is slow. */
const KEEP_ALIVE_MS = 15_000;

/** The streamed response for one question; `answer` runs the agent, reporting its stages. */
export async function streamOpenAiCompletion(options: {
  answer: (onStage: (stage: AgentStage) => void) => Promise<AgentAnswer>;
  question: string;
  includeUsage: boolean;
  requestId: string;
}): Promise<Response> {
  const stages: AgentStage[] = [];
  // Stages before the stream opens are kept, then sent as it opens; later ones go out as they come.
  let report: (stage: AgentStage) => void = (stage) => {
    stages.push(stage);
  };
  let started = () => {};
  const firstStage = new Promise<"working">((resolve) => (started = () => resolve("working")));
  const answer = options.answer((stage) => {
    report(stage);
    started();
  });
  const outcome = await Promise.race([firstStage, answer.then(() => "answered" as const, (error: unknown) => ({ error }))]);
  if (typeof outcome === "object") return errorResponse(outcome.error, options.requestId);

  const encoder = new TextEncoder();
  let keepAlive: ReturnType<typeof setInterval> | undefined;
  let open = true;
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (text: string) => {
        if (open) controller.enqueue(encoder.encode(text));
      };
      const data = (value: unknown) => send(`data: ${typeof value === "string" ? value : JSON.stringify(value)}\n\n`);
      send(": CAM answers once the whole answer is checked\n\n");
      for (const stage of stages) send(`: ${stage}\n\n`);
      report = (stage) => send(`: ${stage}\n\n`);
      keepAlive = setInterval(() => send(": still working\n\n"), KEEP_ALIVE_MS);
      try {
        for (const chunk of toOpenAiChunks(await answer, options.question, { includeUsage: options.includeUsage })) data(chunk);
        data("[DONE]");
      } catch (error) {
        data(describeError(error, options.requestId).body);
      } finally {
        clearInterval(keepAlive);
        if (open) controller.close();
        open = false;
      }
    },
    cancel() {
      // The client went away; the agent still finishes and records the exchange.
      open = false;
      clearInterval(keepAlive);
    },
  });
  return new Response(body, { headers: SSE_HEADERS });
}
