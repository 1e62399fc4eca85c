// Reads a text/event-stream response body as it arrives. EventSource cannot
// send a POST body, so the playground reads POST /api/chat/stream with fetch
// and parses the events here (the WHATWG "event stream interpretation", minus
// reconnection: ids and retry are ignored). Client-safe.

export type ServerSentEvent = { event: string; data: string };

/** Applies one complete line to the event being read; a blank line finishes it. */
function dispatchLine(line: string, pending: { event: string; data: string[] }, out: ServerSentEvent[]): void {
  if (line === "") {
    if (pending.data.length > 0) out.push({ event: pending.event || "message", data: pending.data.join("\n") });
    pending.event = "";
    pending.data = [];
    return;
  }
  if (line.startsWith(":")) return;
  const colon = line.indexOf(":");
  const field = colon === -1 ? line : line.slice(0, colon);
  let value = colon === -1 ? "" : line.slice(colon + 1);
  if (value.startsWith(" ")) value = value.slice(1);
  if (field === "event") pending.event = value;
  else if (field === "data") pending.data.push(value);
}

/** Yields each event of the stream in order; ends when the stream does. */
export async function* readEventStream(body: ReadableStream<Uint8Array>): AsyncGenerator<ServerSentEvent> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const pending = { event: "", data: [] as string[] };
  let buffer = "";
  try {
    while (true) {
      const { done, value } = await reader.read();
      // `stream: true` keeps a character split across chunks until its last byte arrives.
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
      const events: ServerSentEvent[] = [];
      // A line ends at CRLF, LF or CR. The last piece is incomplete and waits for more; a CR
      // ending the buffer may be half of a CRLF, so it waits too, unless the stream has ended.
      const lines = buffer.split(done ? /\r\n|\n|\r/ : /\r\n|\n|\r(?!$)/);
      buffer = lines.pop() ?? "";
      for (const line of lines) dispatchLine(line, pending, events);
      yield* events;
      // What is left (an unterminated line or event) is incomplete and discarded, as the specification says.
      if (done) break;
    }
  } finally {
    reader.releaseLock();
  }
}
