import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

// A real HTTP server on a free loopback port, for fakes of the model servers.

/** A request as the server received it: headers, and the body parsed as JSON when it is JSON. */
export type ReceivedRequest = { method: string; path: string; headers: IncomingHttpHeaders; body: unknown };

export type FakeServer = {
  url: string;
  /** Each request in brief, in arrival order. */
  requests: { method: string; path: string; authorization?: string }[];
  /** Each request in full, once its body has arrived. */
  received: ReceivedRequest[];
  close: () => Promise<void>;
};

function parseBody(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Starts a server whose handler answers every request; records what it was asked. */
export async function startHttpServer(
  handler: (request: IncomingMessage, response: ServerResponse, received: ReceivedRequest) => void | Promise<void>,
): Promise<FakeServer> {
  const requests: FakeServer["requests"] = [];
  const received: ReceivedRequest[] = [];
  const server = createServer((request, response) => {
    requests.push({ method: request.method ?? "GET", path: request.url ?? "/", authorization: request.headers.authorization });
    let text = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => {
      text += chunk;
    });
    request.on("end", () => {
      const entry = { method: request.method ?? "GET", path: request.url ?? "/", headers: request.headers, body: parseBody(text) };
      received.push(entry);
      void handler(request, response, entry);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Sends a JSON body with a status code and any extra headers. */
export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  response.end(JSON.stringify(body));
}

/** A loopback port nothing listens on: bound, then released. */
export async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
