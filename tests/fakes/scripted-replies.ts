import type { ServerResponse } from "node:http";
import { type ReceivedRequest, sendJson } from "./http-server";

// How a test tells a fake model server what to answer, the same way for
// Ollama, OpenAI-compatible and Gemini fakes. A reply is the answer's text or a
// failure; `replies` are used in order by the generation requests, `script`
// decides per request, and with neither the fake answers deterministically.

/** The server's error status (with its provider's error body), optionally with Retry-After and a message of the test's choosing. */
export type FakeStatusFailure = { status: 400 | 401 | 403 | 404 | 429 | 500 | 503; retryAfterSeconds?: number; message?: string };

/** Ways a reply can go wrong. */
export type FakeFailure =
  | FakeStatusFailure
  /** Answer this late (with `text`, or the default answer); a client that gave up closes the connection first. */
  | { delayMs: number; text?: string }
  /** HTTP 200 with a JSON content type and a body that is not JSON. */
  | { malformed: true }
  /** HTTP 200 with exactly this JSON body, e.g. one missing required fields. */
  | { body: unknown }
  /** Close the connection without answering. */
  | { drop: true };

export type FakeReply = string | FakeFailure;

/** A generation request as the script sees it. */
export type FakeGenerationCall = {
  /** 0 for the first generation request, 1 for the next, ... */
  index: number;
  model: string;
  /** The last user message (Ollama /api/generate: the prompt). */
  lastUserText: string;
  /** Whether the client asked for a JSON object. */
  json: boolean;
  request: ReceivedRequest;
};

/** Options every fake model server accepts. */
export type ScriptedReplies = {
  replies?: FakeReply[];
  script?: (call: FakeGenerationCall) => FakeReply | undefined;
};

/** How one provider writes answers and errors (including how it says when to retry). */
export type WireFormat = {
  answer: (text: string) => unknown;
  error: (failure: FakeStatusFailure) => { body: unknown; headers?: Record<string, string> };
};

/** A Retry-After header when the failure asks for one. */
export function retryAfterHeader(failure: FakeStatusFailure): Record<string, string> {
  return failure.retryAfterSeconds === undefined ? {} : { "retry-after": String(failure.retryAfterSeconds) };
}

/** The reply the test asked for, if any: the script's first, then the next of `replies`. */
export function chooseReply(options: ScriptedReplies, call: FakeGenerationCall): FakeReply | undefined {
  return options.script?.(call) ?? options.replies?.[call.index];
}

/** The answer when the test scripted none: repeats the question, as a JSON object in JSON mode. */
export function defaultAnswer(lastUserText: string, json: boolean): string {
  const answer = `Fake answer to: ${lastUserText}`;
  return json ? JSON.stringify({ answer }) : answer;
}

/** The first `limit` words, and whether any were cut (how the fakes honour a maximum answer length). */
export function limitWords(text: string, limit: number | undefined): { text: string; truncated: boolean } {
  const words = text.split(/\s+/).filter(Boolean);
  if (limit === undefined || words.length <= limit) return { text, truncated: false };
  return { text: words.slice(0, limit).join(" "), truncated: true };
}

/** A rough token count (words), enough for usage fields. */
export function countWords(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/** Waits, unless the client closes the connection first; resolves true if it did. */
function waitUnlessClosed(ms: number, response: ServerResponse): Promise<boolean> {
  return new Promise((resolve) => {
    const onClose = () => {
      clearTimeout(timer);
      resolve(true);
    };
    const timer = setTimeout(() => {
      response.off("close", onClose);
      resolve(false);
    }, ms);
    response.once("close", onClose);
  });
}

/** Sends the reply in the provider's wire format. */
export async function playReply(response: ServerResponse, reply: FakeReply, fallbackText: string, format: WireFormat): Promise<void> {
  if (typeof reply === "string") return sendJson(response, 200, format.answer(reply));
  if ("drop" in reply) {
    response.socket?.destroy();
    return;
  }
  if ("malformed" in reply) {
    response.writeHead(200, { "content-type": "application/json; charset=utf-8" });
    response.end('{"model": "half-written", "choices": [{"message": {"content": "cut off');
    return;
  }
  if ("body" in reply) return sendJson(response, 200, reply.body);
  if ("delayMs" in reply) {
    if (await waitUnlessClosed(reply.delayMs, response)) return;
    return sendJson(response, 200, format.answer(reply.text ?? fallbackText));
  }
  const { body, headers } = format.error(reply);
  sendJson(response, reply.status, body, headers);
}
