import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { SESSION_COOKIE } from "@/lib/auth/sessions";
import { route } from "@/lib/http";

// A configured PostgreSQL server that is not running: routes answer 503 with
// a message naming the server, not a stack trace.

describe("route wrapper with the database down", () => {
  it("answers 503 naming the unreachable server", async () => {
    process.env.DATABASE_URL = "postgresql://cam:secret@127.0.0.1:1/cam";
    process.env.LOG_LEVEL = "silent";
    const handler = route({ access: "signed-in", handler: async () => ({ ok: true }) });
    const request = new NextRequest("http://localhost/api/test", { headers: { cookie: `${SESSION_COOKIE}=some-token` } });
    const response = await handler(request, { params: Promise.resolve({}) });
    const body = await response.json();
    expect(response.status).toBe(503);
    expect(body.error.code).toBe("service_unavailable");
    expect(body.error.message).toBe("Cannot reach PostgreSQL at 127.0.0.1:1. Start it, or correct DATABASE_URL.");
    expect(JSON.stringify(body)).not.toContain("secret");
  });
});
