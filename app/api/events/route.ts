import { can } from "@/lib/auth/permissions";
import type { Caller } from "@/lib/auth/sessions";
import { route, SSE_HEADERS } from "@/lib/http";
import { type LiveEvent, subscribeLiveEvents } from "@/lib/live/live-events";

export const dynamic = "force-dynamic";

const HEARTBEAT_MS = 25_000;

/** Whether the caller may hear of this event: readers of the audit trail hear all; people hear about their own questions. */
function mayHear(caller: Caller, event: LiveEvent): boolean {
  return can(caller.role, "audit.read") || (event.userId !== null && event.userId === caller.userId);
}

/**
 * Server-sent events for open pages: "exchange" when a question is recorded,
 * "judge-score" when a judge scores one, from any instance. Only ids and
 * decisions are sent; pages fetch the rest through the usual, checked routes.
 */
export const GET = route({
  access: "signed-in",
  handler: async ({ caller, request }) => {
    const encoder = new TextEncoder();
    let stop = () => {};
    const stream = new ReadableStream<Uint8Array>({
      async start(controller) {
        const write = (text: string) => {
          try {
            controller.enqueue(encoder.encode(text));
          } catch {
            stop();
          }
        };
        const unsubscribe = await subscribeLiveEvents((event) => {
          if (!mayHear(caller, event)) return;
          const { userId: _whose, type, ...data } = event;
          write(`event: ${type}\ndata: ${JSON.stringify(data)}\n\n`);
        });
        const heartbeat = setInterval(() => write(": still here\n\n"), HEARTBEAT_MS);
        stop = () => {
          clearInterval(heartbeat);
          unsubscribe();
        };
        request.signal.addEventListener("abort", () => {
          stop();
          try {
            controller.close();
          } catch {
            // Already closed by the client going away.
          }
        });
        write("event: ready\ndata: {}\n\n");
      },
      cancel() {
        stop();
      },
    });
    return new Response(stream, { headers: SSE_HEADERS });
  },
});
