import { type FakeServer, startHttpServer } from "./http-server";

// A publisher's web server for `cam ingest --download`: paths serve a PDF, an
// HTML page where a PDF was expected, a server that fails a few times before
// answering, a rate limit with Retry-After, or a plain 404.

export type FakeDocument =
  | { kind: "pdf"; bytes: Uint8Array; failFirst?: number; failStatus?: number }
  | { kind: "html" }
  | { kind: "missing" };

export function startFakeDocumentServer(documents: Record<string, FakeDocument>): Promise<FakeServer> {
  const served = new Map<string, number>();
  return startHttpServer((request, response) => {
    const path = request.url ?? "/";
    const document = documents[path] ?? { kind: "missing" };
    const count = (served.get(path) ?? 0) + 1;
    served.set(path, count);
    if (document.kind === "pdf" && count <= (document.failFirst ?? 0)) {
      const status = document.failStatus ?? 503;
      response.writeHead(status, { "content-type": "text/plain", ...(status === 429 ? { "retry-after": "1" } : {}) });
      response.end(status === 429 ? "Too Many Requests" : "Service Unavailable");
      return;
    }
    if (document.kind === "pdf") {
      response.writeHead(200, { "content-type": "application/pdf", "content-length": String(document.bytes.length) });
      response.end(document.bytes);
      return;
    }
    if (document.kind === "html") {
      response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      response.end("<!DOCTYPE html><html><body>Please accept our cookies to continue</body></html>");
      return;
    }
    response.writeHead(404, { "content-type": "text/html" });
    response.end("<html><body>Not Found</body></html>");
  });
}
