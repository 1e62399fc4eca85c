import type { ErrorBody } from "@/lib/errors";

// Browser-side calls to CAM's own API. Errors arrive in one JSON shape
// (lib/http.ts); this turns them into an Error whose message can be shown.

/** An API error with the server's code, message and per-field problems. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody["error"] | undefined,
  ) {
    super(body?.message ?? `The server answered with HTTP ${status}. Try again in a moment.`);
    this.name = "ApiError";
  }
}

/** Sends a request to the console's API and returns the parsed JSON body. */
export async function apiFetch<T>(path: string, init?: { method?: string; json?: unknown }): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: init?.method ?? (init?.json === undefined ? "GET" : "POST"),
      headers: init?.json === undefined ? undefined : { "content-type": "application/json" },
      body: init?.json === undefined ? undefined : JSON.stringify(init.json),
      credentials: "same-origin",
    });
  } catch {
    throw new ApiError(0, { code: "service_unavailable", message: "Cannot reach the CAM server. Check your connection and try again." });
  }
  const body = await response.json().catch(() => undefined);
  if (!response.ok) throw new ApiError(response.status, (body as ErrorBody | undefined)?.error);
  return body as T;
}
