import "server-only";
import { EventEmitter } from "node:events";
import pg from "pg";
import { type Db, providerOf, type Tx } from "@/lib/db";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";

// Live updates for browsers: a new exchange, a judge score. On PostgreSQL they
// travel through LISTEN/NOTIFY, so a browser connected to any instance hears
// what any other instance recorded; each process keeps one listening
// connection and fans events out to its own subscribers. On SQLite (one
// instance) they stay in the process. Events carry ids and decisions only,
// never text; who may receive each is decided where they are sent (events route).

/** Something that happened which open pages may want to show. `userId` is whose question it was, for filtering, never sent. */
export type LiveEvent =
  | { type: "exchange"; id: string; action: string; userId: string | null; createdAt: string }
  | { type: "judge-score"; exchangeId: string; judgeId: string; userId: string | null };

const CHANNEL = "cam_live";
const RECONNECT_MS = 2_000;

type Hub = { emitter: EventEmitter; listener?: pg.Client; connecting?: Promise<void> };
const holder = globalThis as typeof globalThis & { camLiveHub?: Hub };

function hub(): Hub {
  if (!holder.camLiveHub) {
    const emitter = new EventEmitter();
    // One listener per open page; the default limit of 10 is far too low for a ward.
    emitter.setMaxListeners(0);
    holder.camLiveHub = { emitter };
  }
  return holder.camLiveHub;
}

/**
 * Publishes an event. Inside a PostgreSQL transaction the notification is
 * delivered when it commits (never for a rolled-back record). On SQLite it is
 * emitted on the next turn of the event loop, after the caller's transaction
 * has finished in all but pathological cases; pages also refresh on their own.
 */
export async function publishLiveEvent(db: Db | Tx, event: LiveEvent): Promise<void> {
  if (providerOf(db) === "postgresql") {
    await db.$executeRaw`SELECT pg_notify(${CHANNEL}, ${JSON.stringify(event)})`;
    return;
  }
  setImmediate(() => hub().emitter.emit("event", event));
}

/** Opens this process's listening connection, reconnecting after a failure. */
function listen(url: string): Promise<void> {
  const state = hub();
  state.connecting ??= (async () => {
    const client = new pg.Client({ connectionString: url });
    client.on("notification", (message) => {
      if (message.channel !== CHANNEL || !message.payload) return;
      try {
        state.emitter.emit("event", JSON.parse(message.payload) as LiveEvent);
      } catch (error) {
        logger().warn({ err: error }, "ignored a malformed live event");
      }
    });
    client.on("error", (error) => {
      logger().warn({ err: error }, `lost the live-update connection; reconnecting in ${RECONNECT_MS / 1000} s`);
      state.listener = undefined;
      state.connecting = undefined;
      void client.end().catch(() => {});
      setTimeout(() => {
        if (state.emitter.listenerCount("event") > 0) void listen(url).catch(() => {});
      }, RECONNECT_MS).unref();
    });
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    state.listener = client;
  })().catch((error: unknown) => {
    state.connecting = undefined;
    throw error;
  });
  return state.connecting;
}

/** Calls `onEvent` for every live event until the returned function is called. */
export async function subscribeLiveEvents(onEvent: (event: LiveEvent) => void): Promise<() => void> {
  const target = env().DATABASE_URL;
  const state = hub();
  state.emitter.on("event", onEvent);
  if (target.provider === "postgresql") {
    try {
      await listen(target.url);
    } catch (error) {
      state.emitter.off("event", onEvent);
      throw error;
    }
  }
  return () => state.emitter.off("event", onEvent);
}
