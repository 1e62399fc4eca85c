import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configDocumentHash } from "@/lib/config/config-document-hash";
import { exportConfig } from "@/lib/config/export-config";
import type { Db } from "@/lib/db";
import { type ConfigDocument, configDocumentSchema } from "@/lib/schemas/config-document";
import { seedDatabase } from "@/prisma/seed";
import { runCli } from "../support/run-cli";
import { createTestDatabase, providers, type TestDatabase } from "../support/test-databases";

// `cam config export|import` as an operator runs them: one document out, drafts
// in, and every refusal explained on stderr with a non-zero exit.

describe("cam config --help", () => {
  it("explains export and import, and that imports need someone else's approval", async () => {
    const help = await runCli(["config", "import", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: cam config import \[options\] <file>/);
    expect(help.stdout).toContain("--author <email>");
    expect(help.stdout).toContain("who is not the author previews and approves the drafts");
    expect((await runCli(["config", "export", "--help"])).stdout).toContain("--out <file>");
  });
});

describe.each(providers)("cam config on %s", (provider) => {
  let database: TestDatabase;
  let db: Db;
  const dir = mkdtempSync(join(tmpdir(), "cam-config-cli-"));
  const env = () => ({ DATABASE_URL: database.url });
  const write = (name: string, content: unknown) => {
    const file = join(dir, name);
    writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
    return file;
  };
  const rehashed = (document: ConfigDocument) => ({ ...document, sha256: configDocumentHash(document) });

  beforeAll(async () => {
    database = await createTestDatabase(provider, { migrate: true });
    db = database.db();
    await seedDatabase(db, { adminEmail: "admin@hospital.example", adminPassword: "an-admin-password" });
  });
  afterAll(() => database.drop());

  it("exports the configuration in force to a file and to standard output", async () => {
    const out = join(dir, "config.json");
    const written = await runCli(["config", "export", "--out", out], { env: env() });
    expect(written.code, written.stderr).toBe(0);
    const document = configDocumentSchema.parse(JSON.parse(readFileSync(out, "utf8")));
    expect(written.stderr).toContain(`Wrote rule pack v1 and settings v1 (sha256 ${document.sha256}) to ${out}.`);
    expect(document.sha256).toBe((await exportConfig(db)).sha256);
    const printed = await runCli(["config", "export"], { env: env() });
    expect(printed.code).toBe(0);
    expect(JSON.parse(printed.stdout)).toMatchObject({ format: "cam-config", sha256: document.sha256 });
  });

  it("imports a changed document as a draft under the named author, and nothing when it is unchanged", async () => {
    const document = await exportConfig(db);
    const same = await runCli(["config", "import", write("same.json", document), "--author", "admin@hospital.example"], { env: env() });
    expect(same.code).toBe(1);
    expect(same.stderr).toMatch(/^cam: Nothing to import/);

    const rules = document.rules.map((rule) => (rule.id === "medication-directive" ? { ...rule, enabled: false } : rule));
    const file = write("changed.json", rehashed({ ...document, rules }));
    const imported = await runCli(["config", "import", file, "--author", "Admin@Hospital.example"], { env: env() });
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain("Imported rule pack draft 2: turned off medication-directive.");
    expect(imported.stdout).toContain("Someone else with the config.approve permission must preview and approve them");
    const draft = await db.ruleSetVersion.findUniqueOrThrow({ where: { version: 2 } });
    const admin = await db.user.findUniqueOrThrow({ where: { email: "admin@hospital.example" } });
    expect(draft).toMatchObject({ status: "draft", createdById: admin.id });
    expect(await db.adminChange.findFirst({ where: { action: "rules.import", actorId: admin.id } })).not.toBeNull();
    expect(await db.ruleSetVersion.findFirstOrThrow({ where: { status: "active" } })).toMatchObject({ version: 1 });
  });

  it("refuses an unknown author, a file that is not JSON, a bad field and an unsafe pattern, naming what is wrong", async () => {
    const document = await exportConfig(db);
    const file = write("ok.json", document);
    const unknown = await runCli(["config", "import", file, "--author", "nobody@hospital.example"], { env: env() });
    expect([unknown.code, unknown.stderr]).toEqual([1, expect.stringMatching(/^cam: There is no account nobody@hospital\.example/)]);
    const missing = await runCli(["config", "import", file], { env: env() });
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain("--author <email>");

    const notJson = await runCli(["config", "import", write("broken.json", "{ not json"), "--author", "admin@hospital.example"], { env: env() });
    expect([notJson.code, notJson.stderr]).toEqual([1, expect.stringMatching(/broken\.json is not JSON/)]);

    const badField = await runCli(["config", "import", write("bad.json", { ...document, source: { ruleSetVersion: 0, settingsVersion: 1 } }), "--author", "admin@hospital.example"], { env: env() });
    expect([badField.code, badField.stderr]).toEqual([2, expect.stringMatching(/^cam: source\.ruleSetVersion /)]);

    const rules = document.rules.map((rule, index) => (index === 0 ? { ...rule, check: { kind: "pattern" as const, pattern: "(a+)+$", flags: "i", target: "answer" as const } } : rule));
    const unsafe = await runCli(["config", "import", write("unsafe.json", rehashed({ ...document, rules })), "--author", "admin@hospital.example"], { env: env() });
    expect([unsafe.code, unsafe.stderr]).toEqual([2, expect.stringMatching(/^cam: rules\.0\.check\.pattern Nested quantifier/)]);
    expect(await db.ruleSetVersion.count()).toBe(2);
  });
});
