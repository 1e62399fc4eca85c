import { afterAll, describe, expect, it } from "vitest";
import { type AppServer, startAppServer } from "../support/app-server";

// GET /api/health from a production server whose PostgreSQL is not running:
// it must say so, quickly, with 503, and leak nothing from the settings.

describe("GET /api/health with the database down", () => {
  let server: AppServer;
  afterAll(() => server?.stop());

  it("answers 503 naming the database and what to do", async () => {
    server = await startAppServer({
      DATABASE_URL: "postgresql://cam:db-password@127.0.0.1:1/cam",
      OLLAMA_HOST: "http://127.0.0.1:9",
      GEMINI_API_KEY: "gemini-secret-key",
    });
    const response = await fetch(`${server.url}/api/health`);
    const text = await response.text();
    const report = JSON.parse(text);
    expect(response.status).toBe(503);
    expect(report.status).toBe("down");
    expect(report.database).toMatchObject({ status: "down", provider: "postgresql" });
    expect(report.problems[0]).toBe(
      "Database (postgresql) is down: Cannot reach PostgreSQL at 127.0.0.1:1. Start it, or correct DATABASE_URL.",
    );
    expect(report.store.status).toBe("missing");
    expect(text).not.toContain("db-password");
    expect(text).not.toContain("gemini-secret-key");
  });
});
