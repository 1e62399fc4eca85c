import type { AgentAnswer, AgentStage } from "@/lib/agent/answer-question";
import { ApiError } from "@/lib/api-client";
import { type ErrorBody, errorStatus } from "@/lib/errors";
import type { ChatBody } from "@/lib/schemas/chat";
import { readEventStream } from "@/lib/conversations/read-event-stream";

// Asks a question through POST /api/chat/stream from the browser: reports each
// stage as it happens and resolves with the checked answer, or rejects with an
// ApiError carrying the server's message (which says what to do). Client-safe.

const unreachable = () =>
  new ApiError(0, { code: "service_unavailable", message: "Cannot reach the CAM server. Check your connection and send the question again." });

/** Sends the question; `onStage` hears "retrieving", "generating", "checking" and "recording" as they start. */
export async function streamQuestion(
  body: ChatBody,
  options: { onStage?: (stage: AgentStage) => void; signal?: AbortSignal } = {},
): Promise<AgentAnswer> {
  let response: Response;
  try {
    response = await fetch("/api/chat/stream", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "text/event-stream" },
      body: JSON.stringify(body),
      credentials: "same-origin",
      signal: options.signal,
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw unreachable();
  }
  // Refusals before the stream starts (sign-in, validation, size) come as ordinary JSON errors.
  if (!response.ok || !response.body) {
    const parsed = (await response.json().catch(() => undefined)) as ErrorBody | undefined;
    throw new ApiError(response.status, parsed?.error);
  }
  try {
    for await (const { event, data } of readEventStream(response.body)) {
      if (event === "stage") options.onStage?.((JSON.parse(data) as { stage: AgentStage }).stage);
      else if (event === "answer") return JSON.parse(data) as AgentAnswer;
      else if (event === "error") {
        const error = (JSON.parse(data) as ErrorBody).error;
        throw new ApiError(errorStatus[error.code] ?? 500, error);
      }
    }
  } catch (error) {
    if (error instanceof ApiError || options.signal?.aborted) throw error;
    throw unreachable();
  }
  throw new ApiError(0, {
    code: "bad_gateway",
    message: "The connection closed before the answer arrived. Open the conversation again to see whether it was recorded, then ask again if not.",
  });
}
