import "server-only";
import type { Env } from "@/lib/env";

// Reachability of the model servers. Probes run in the background and their
// results are reused for a few seconds, so the health endpoint stays fast even
// when a server is far away or not answering. Gemini is never called here: a
// configured key is reported as such, and nothing is sent offshore.

export type BackendHealth = {
  name: "ollama" | "openai" | "gemini";
  status: "up" | "down" | "checking" | "configured" | "not_configured";
  /** The server address without credentials or query string. */
  endpoint?: string;
  detail?: string;
  latencyMs?: number;
  checkedAt?: string;
};

/** How long a probe result is reused. */
const CACHE_MS = 10_000;
/** How long one probe may take. */
const PROBE_TIMEOUT_MS = 2_000;
/** How long a health request waits for a running probe before answering with the last result. */
const WAIT_FOR_PROBE_MS = 60;

type Probe = { key: string; startedAt: number; promise: Promise<BackendHealth[]>; result?: BackendHealth[] };
let current: Probe | undefined;

/** Shows a URL's protocol, host and path, dropping any user, password or query. */
export function displayEndpoint(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}${parsed.pathname.replace(/\/$/, "")}`;
}

function explainFailure(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if ((error as Error).name === "TimeoutError") return `no answer within ${PROBE_TIMEOUT_MS} ms`;
  if (cause?.code === "ECONNREFUSED") return "connection refused";
  if (cause?.code === "ENOTFOUND" || cause?.code === "EAI_AGAIN") return "host name not found";
  // fetch reports most network failures as "fetch failed"; the cause says which.
  return cause?.message ?? (error as Error).message;
}

async function probe(
  name: BackendHealth["name"],
  target: { server: string; path: string; apiKey?: string },
  describe: (body: unknown) => string,
): Promise<BackendHealth> {
  const started = performance.now();
  const base = { name, endpoint: displayEndpoint(target.server) };
  const apiKey = target.apiKey;
  try {
    const response = await fetch(`${target.server.replace(/\/$/, "")}${target.path}`, {
      headers: apiKey ? { authorization: `Bearer ${apiKey}` } : {},
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
      cache: "no-store",
    });
    const latencyMs = Math.round(performance.now() - started);
    const checkedAt = new Date().toISOString();
    if (!response.ok) return { ...base, status: "down", detail: `HTTP ${response.status}`, latencyMs, checkedAt };
    return { ...base, status: "up", detail: describe(await response.json().catch(() => null)), latencyMs, checkedAt };
  } catch (error) {
    return { ...base, status: "down", detail: explainFailure(error), checkedAt: new Date().toISOString() };
  }
}

function probeAll(config: Env): Promise<BackendHealth[]> {
  const ollamaTarget = { server: config.OLLAMA_HOST, path: "/api/version", apiKey: config.OLLAMA_API_KEY };
  const ollama = probe("ollama", ollamaTarget, (body) => {
    const version = (body as { version?: unknown } | null)?.version;
    return typeof version === "string" ? `Ollama ${version}` : "Ollama";
  });
  const openai: Promise<BackendHealth> = config.OPENAI_BASE_URL
    ? probe("openai", { server: config.OPENAI_BASE_URL, path: "/models", apiKey: config.OPENAI_API_KEY }, (body) => {
        const models = (body as { data?: unknown[] } | null)?.data;
        return Array.isArray(models) ? `${models.length} model(s)` : "OpenAI-compatible server";
      })
    : Promise.resolve({ name: "openai", status: "not_configured", detail: "OPENAI_BASE_URL is not set" });
  const gemini: BackendHealth = config.GEMINI_API_KEY
    ? { name: "gemini", status: "configured", detail: "API key set; not probed" }
    : { name: "gemini", status: "not_configured", detail: "GEMINI_API_KEY is not set" };
  return Promise.all([ollama, openai, Promise.resolve(gemini)]);
}

/** The latest known state of each model server, probing again when the last probe is stale. */
export async function checkModelBackends(config: Env): Promise<BackendHealth[]> {
  const key = [config.OLLAMA_HOST, config.OPENAI_BASE_URL, config.GEMINI_API_KEY ? "gemini" : ""].join("|");
  const previous = current?.key === key ? current : undefined;
  if (!previous || Date.now() - previous.startedAt > CACHE_MS) {
    const next: Probe = { key, startedAt: Date.now(), promise: probeAll(config), result: previous?.result };
    next.promise = next.promise.then((result) => {
      next.result = result;
      return result;
    });
    current = next;
  }
  const probe = current as Probe;
  let timer: NodeJS.Timeout | undefined;
  const waited = await Promise.race([
    probe.promise,
    new Promise<undefined>((resolve) => {
      timer = setTimeout(resolve, WAIT_FOR_PROBE_MS, undefined);
    }),
  ]);
  clearTimeout(timer);
  return (
    waited ??
    probe.result ?? [
      { name: "ollama", status: "checking" },
      { name: "openai", status: "checking" },
      { name: "gemini", status: "checking" },
    ]
  );
}
