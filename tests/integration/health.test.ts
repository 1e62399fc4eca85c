import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db";
import { parseEnv } from "@/lib/env";
import { checkDatabase } from "@/lib/health/check-database";
import { checkModelBackends } from "@/lib/health/check-model-backends";
import { checkStore } from "@/lib/health/check-store";
import { startFakeOllama } from "../fakes/fake-ollama-server";
import { startFakeOpenAi } from "../fakes/fake-openai-server";
import { type FakeServer, unusedPort } from "../fakes/http-server";
import { corpusPath } from "../support/shared-corpus";
import { createTestDatabase, type TestDatabase } from "../support/test-databases";

describe("database health", () => {
  let migrated: TestDatabase;
  let empty: TestDatabase;
  beforeAll(async () => {
    migrated = await createTestDatabase("sqlite", { migrate: true });
    empty = await createTestDatabase("postgresql");
  });
  afterAll(async () => {
    await migrated.drop();
    await empty.drop();
  });

  it("is up with the newest migration when the schema is in place", async () => {
    const health = await checkDatabase(migrated.db(), migrated.target);
    expect(health).toMatchObject({ status: "up", provider: "sqlite", schema: expect.stringMatching(/^\d{14}_[a-z_]+$/) });
  });

  it("says to migrate when the database has no tables", async () => {
    const health = await checkDatabase(empty.db(), empty.target);
    expect(health).toMatchObject({ status: "down", problem: "The database has no CAM tables yet. Run `npm run cam -- db migrate`." });
  });

  it("names an unreachable server quickly", async () => {
    const target = parseEnv({ DATABASE_URL: "postgresql://cam:secret@127.0.0.1:1/cam" }).DATABASE_URL;
    const db = createDb(target);
    const health = await checkDatabase(db, target);
    await db.$disconnect();
    expect(health).toMatchObject({ status: "down", provider: "postgresql" });
    expect(health.problem).toBe("Cannot reach PostgreSQL at 127.0.0.1:1. Start it, or correct DATABASE_URL.");
    expect(health.latencyMs).toBeLessThan(1_500);
  });
});

describe("store health", () => {
  it("reports the size and shape of a built store", async () => {
    expect(await checkStore(corpusPath("seed_store"))).toMatchObject({
      status: "ready",
      vectors: 905,
      dimension: 384,
      metric: "inner_product",
    });
  });

  it("says when there is no store, and when its index is damaged", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cam-store-"));
    expect(await checkStore(dir)).toMatchObject({ status: "missing", problem: expect.stringContaining("No retrieval store") });
    writeFileSync(join(dir, "index.faiss"), "IxFI but not really an index at all, just text");
    writeFileSync(join(dir, "chunks.json"), "[]");
    const damaged = await checkStore(dir);
    expect(damaged).toMatchObject({ status: "invalid", problem: expect.stringMatching(/is damaged: .*Rebuild it with `cam ingest`/) });
    // The health report is public: it shows paths relative to the app, never absolute ones.
    expect(damaged.problem?.startsWith("/")).toBe(false);
  });
});

describe("model server health", () => {
  const servers: FakeServer[] = [];
  afterAll(() => Promise.all(servers.map((server) => server.close())));
  const start = async (server: Promise<FakeServer>) => {
    const started = await server;
    servers.push(started);
    return started;
  };

  it("reports a running Ollama with its version, and sends its bearer token", async () => {
    const ollama = await start(startFakeOllama({ version: "0.12.6" }));
    const models = await checkModelBackends(parseEnv({ OLLAMA_HOST: ollama.url, OLLAMA_API_KEY: "ollama-token" }));
    expect(models.find((model) => model.name === "ollama")).toMatchObject({ status: "up", detail: "Ollama 0.12.6", endpoint: ollama.url });
    expect(ollama.requests).toEqual([{ method: "GET", path: "/api/version", authorization: "Bearer ollama-token" }]);
  });

  it("reports an Ollama that answers with errors, or does not listen, as down", async () => {
    const failing = await start(startFakeOllama({ failWithStatus: 500 }));
    const down = await checkModelBackends(parseEnv({ OLLAMA_HOST: failing.url }));
    expect(down[0]).toMatchObject({ name: "ollama", status: "down", detail: "HTTP 500" });
    const refused = await checkModelBackends(parseEnv({ OLLAMA_HOST: `http://127.0.0.1:${await unusedPort()}` }));
    expect(refused[0]).toMatchObject({ name: "ollama", status: "down", detail: "connection refused" });
  });

  it("answers at once while a slow server is still being probed", async () => {
    const slow = await start(startFakeOllama({ delayMs: 1_000 }));
    const started = performance.now();
    const first = await checkModelBackends(parseEnv({ OLLAMA_HOST: slow.url }));
    expect(performance.now() - started).toBeLessThan(500);
    expect(first[0]).toMatchObject({ name: "ollama", status: "checking" });
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    const later = await checkModelBackends(parseEnv({ OLLAMA_HOST: slow.url }));
    expect(later[0]).toMatchObject({ name: "ollama", status: "up" });
  });

  it("probes an OpenAI-compatible server with its key, and never calls Gemini", async () => {
    const openai = await start(startFakeOpenAi({ apiKey: "sk-local", models: ["medgemma-4b-it", "gemma-3-4b-it"] }));
    const ollama = await start(startFakeOllama());
    const config = parseEnv({ OLLAMA_HOST: ollama.url, OPENAI_BASE_URL: `${openai.url}/v1`, OPENAI_API_KEY: "sk-local", GEMINI_API_KEY: "gemini-key" });
    const models = await checkModelBackends(config);
    expect(models.find((model) => model.name === "openai")).toMatchObject({ status: "up", detail: "2 model(s)" });
    expect(models.find((model) => model.name === "gemini")).toMatchObject({ status: "configured" });
    expect(JSON.stringify(models)).not.toContain("sk-local");
    expect(JSON.stringify(models)).not.toContain("gemini-key");

    const wrongKey = await checkModelBackends(parseEnv({ OLLAMA_HOST: ollama.url, OPENAI_BASE_URL: `${openai.url}/v1`, OPENAI_API_KEY: "wrong" }));
    expect(wrongKey.find((model) => model.name === "openai")).toMatchObject({ status: "down", detail: "HTTP 401" });
  });
});
