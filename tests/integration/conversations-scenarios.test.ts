import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listScenarioAvailability } from "@/lib/conversations/list-scenario-availability";
import type { Db } from "@/lib/db";
import { parseEnv } from "@/lib/env";
import { scenarioListSchema } from "@/lib/schemas/conversations";
import { defaultSettings } from "@/lib/schemas/settings";
import { defaultScenarios } from "@/lib/scenarios/default-scenarios";
import { startFakeOllama } from "../fakes/fake-ollama-server";
import { type FakeServer, unusedPort } from "../fakes/http-server";
import { corpusPath } from "../support/shared-corpus";
import { migratedDatabaseForSuite, providers } from "../support/test-databases";

// GET /api/scenarios's lib function: the enabled scenarios with whether their
// model server is reachable, and whether the retrieval store exists.

let ollama: FakeServer;
beforeAll(async () => {
  ollama = await startFakeOllama();
});
afterAll(() => ollama?.close());

/** The scenarios once the background probe has finished (the first answer may still say "checking"). */
async function settled(db: Db, config: ReturnType<typeof parseEnv>) {
  await expect
    .poll(async () => (await listScenarioAvailability(db, config)).scenarios.every((scenario) => scenario.server.status !== "checking"), { timeout: 5_000 })
    .toBe(true);
  return scenarioListSchema.parse(await listScenarioAvailability(db, config));
}

describe.each(providers)("scenario availability on %s", (provider) => {
  const suite = migratedDatabaseForSuite(provider);

  beforeAll(async () => {
    const scenarios = defaultScenarios(defaultSettings.models);
    const [first] = scenarios as [(typeof scenarios)[number]];
    await suite.db.scenario.createMany({ data: [...scenarios, { ...first, id: "OFF", enabled: false }, { ...first, id: "G", provider: "gemini", sortOrder: 99 }] });
  });

  it("lists the enabled scenarios in order with their server reachable and the store ready", async () => {
    const config = parseEnv({ DATABASE_URL: suite.database.url, OLLAMA_HOST: ollama.url, RAG_STORE_DIR: corpusPath("seed_store") });
    const list = await settled(suite.db, config);
    expect(list.store).toEqual({ status: "ready", problem: null });
    expect(list.scenarios.map((scenario) => scenario.id)).toEqual(["A", "B", "C", "D", "E", "F", "G"]);
    expect(list.scenarios[1]).toMatchObject({ id: "B", model: "gemma3:4b", retrieval: true, server: { name: "ollama", status: "up", endpoint: ollama.url, problem: null } });
    expect(list.scenarios[6]?.server).toMatchObject({ name: "gemini", status: "not_configured", problem: expect.stringMatching(/GEMINI_API_KEY/) });
  });

  it("says which server is down and what to do, and that the store is missing on a fresh install", async () => {
    const down = `http://127.0.0.1:${await unusedPort()}`;
    const config = parseEnv({ DATABASE_URL: suite.database.url, OLLAMA_HOST: down, RAG_STORE_DIR: join(mkdtempSync(join(tmpdir(), "cam-empty-")), "store") });
    const list = await settled(suite.db, config);
    expect(list.store.status).toBe("missing");
    expect(list.store.problem).toMatch(/cam ingest/);
    const server = list.scenarios[0]?.server;
    expect(server).toMatchObject({ name: "ollama", status: "down", endpoint: down });
    expect(server?.problem).toMatch(new RegExp(`Ollama at ${down} is not answering \\(connection refused\\)`));
    expect(server?.problem).toMatch(/ollama serve.*OLLAMA_HOST/);
  });
});
