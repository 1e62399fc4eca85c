import "server-only";
import { collectDefaultMetrics, Registry } from "prom-client";

// The one Prometheus registry of this process. Next.js bundles each route on
// its own and reloads modules in development, so the registry and every
// metric set are kept on globalThis (like the Prisma client in lib/db.ts):
// the chat route that counts an answer and the metrics route that reports it
// share the same counters, and a reload never registers a metric twice.

type Held = { registry: Registry; sets: Map<string, unknown> };

const holder = globalThis as typeof globalThis & { camMetrics?: Held };

function held(): Held {
  if (!holder.camMetrics) {
    const registry = new Registry();
    // Process CPU, memory, event-loop lag and garbage collection, under their usual names.
    collectDefaultMetrics({ register: registry });
    holder.camMetrics = { registry, sets: new Map() };
  }
  return holder.camMetrics;
}

/** The process-wide registry that /api/metrics reports. */
export function metricsRegistry(): Registry {
  return held().registry;
}

/** A set of metrics created once per process under `name` and registered with the registry. */
export function defineMetrics<T>(name: string, create: (registry: Registry) => T): () => T {
  return () => {
    const { registry, sets } = held();
    if (!sets.has(name)) sets.set(name, create(registry));
    return sets.get(name) as T;
  };
}
