import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "@/lib/api-client";
import { readEventStream } from "@/lib/conversations/read-event-stream";
import { streamQuestion } from "@/lib/conversations/stream-question";

/** A response body that arrives in the given pieces, as a network would deliver it. */
function bodyOf(pieces: (string | Uint8Array)[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const piece of pieces) controller.enqueue(typeof piece === "string" ? encoder.encode(piece) : piece);
      controller.close();
    },
  });
}

async function collect(pieces: (string | Uint8Array)[]) {
  const events = [];
  for await (const event of readEventStream(bodyOf(pieces))) events.push(event);
  return events;
}

describe("readEventStream", () => {
  it("reads events split anywhere across chunks, including inside a multi-byte character", async () => {
    const bytes = new TextEncoder().encode('event: answer\ndata: {"text":"née"}\n\n');
    const split = bytes.indexOf(0xc3) + 1;
    const events = await collect(["event: st", "age\ndata: {\"stage\":\"retrieving\"}\n", "\n", bytes.slice(0, split), bytes.slice(split)]);
    expect(events).toEqual([
      { event: "stage", data: '{"stage":"retrieving"}' },
      { event: "answer", data: '{"text":"née"}' },
    ]);
  });

  it("follows the event-stream rules: CRLF and CR line ends, comments, multi-line data, default event name", async () => {
    const events = await collect([": keep-alive\r\n\r\ndata: one\r\ndata: two\r\n\r\n", "event: x\rdata:three\r\r"]);
    expect(events).toEqual([
      { event: "message", data: "one\ntwo" },
      { event: "x", data: "three" },
    ]);
  });

  it("drops an event the stream ended in the middle of", async () => {
    expect(await collect(["event: stage\ndata: {}\n\nevent: answer\ndata: {\"cut"])).toEqual([{ event: "stage", data: "{}" }]);
  });
});

describe("streamQuestion", () => {
  afterEach(() => vi.unstubAllGlobals());

  const sse = (events: [string, unknown][]) =>
    new Response(bodyOf(events.map(([event, data]) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)), {
      headers: { "content-type": "text/event-stream" },
    });

  it("reports each stage and resolves with the answer", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => sse([["stage", { stage: "generating" }], ["stage", { stage: "checking" }], ["answer", { exchangeId: "e1", action: "allow" }]])));
    const stages: string[] = [];
    const answer = await streamQuestion({ question: "Q?" }, { onStage: (stage) => stages.push(stage) });
    expect(stages).toEqual(["generating", "checking"]);
    expect(answer).toMatchObject({ exchangeId: "e1", action: "allow" });
  });

  it("rejects with the server's message from an error event, with the status its code maps to", async () => {
    const message = "Ollama at http://127.0.0.1:11434 is unreachable. Start it with `ollama serve`.";
    vi.stubGlobal("fetch", vi.fn(async () => sse([["stage", { stage: "generating" }], ["error", { error: { code: "service_unavailable", message } }]])));
    await expect(streamQuestion({ question: "Q?" })).rejects.toMatchObject({ name: "ApiError", status: 503, message });
  });

  it("rejects with the server's message when it refuses the request before streaming", async () => {
    const body = { error: { code: "unauthenticated", message: "You are not signed in, or your session has expired. Sign in and try again." } };
    vi.stubGlobal("fetch", vi.fn(async () => Response.json(body, { status: 401 })));
    await expect(streamQuestion({ question: "Q?" })).rejects.toMatchObject({ status: 401, message: body.error.message });
  });

  it("says what to do when the server cannot be reached or the stream ends without an answer", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => Promise.reject(new TypeError("Failed to fetch"))));
    await expect(streamQuestion({ question: "Q?" })).rejects.toThrow(/Cannot reach the CAM server/);
    vi.stubGlobal("fetch", vi.fn(async () => sse([["stage", { stage: "generating" }]])));
    const error = await streamQuestion({ question: "Q?" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toMatch(/closed before the answer arrived/);
  });
});
