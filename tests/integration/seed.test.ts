import { beforeAll, describe, expect, it } from "vitest";
import { signIn } from "@/lib/auth/sign-in";
import { defaultRulePack } from "@/lib/compliance/default-rule-pack";
import { getActiveRuleSet, getActiveSettings } from "@/lib/config/get-active-config";
import type { Db } from "@/lib/db";
import { defaultSettings } from "@/lib/schemas/settings";
import { seedDatabase } from "@/prisma/seed";
import { migratedDatabaseForSuite, providers } from "../support/test-databases";

describe.each(providers)("seeding %s", (provider) => {
  const suite = migratedDatabaseForSuite(provider);
  let db: Db;
  beforeAll(() => {
    db = suite.db;
  });

  it("refuses to report configuration before the seed has run", async () => {
    await expect(getActiveRuleSet(db)).rejects.toThrow(/No active rule pack is installed\. Run `npm run cam -- db seed`/);
  });

  it("installs the default rule pack, default settings and an admin whose generated password works", async () => {
    const result = await seedDatabase(db, { adminEmail: "admin@hospital.example" });
    expect(result.ruleSetVersion).toBe(1);
    expect(result.settingsVersion).toBe(1);
    expect(result.scenarios).toEqual(["A", "B", "C", "D", "E", "F"]);
    const password = result.admin?.generatedPassword;
    expect(password).toMatch(/^[\w-]{24}$/);

    expect((await getActiveRuleSet(db)).rules).toEqual(defaultRulePack);
    expect((await getActiveSettings(db)).values).toEqual(defaultSettings);

    const session = await signIn(db, { email: "admin@hospital.example", password: password as string });
    expect(session.user.role).toBe("admin");
    const stored = await db.user.findUniqueOrThrow({ where: { email: "admin@hospital.example" } });
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
    expect(stored.passwordHash).not.toContain(password as string);
  });

  it("installs the six reference scenarios with model names from the settings", async () => {
    const scenarios = await db.scenario.findMany({ orderBy: { sortOrder: "asc" } });
    expect(scenarios.map((scenario) => [scenario.id, scenario.model, scenario.retrieval])).toEqual([
      ["A", defaultSettings.models.general, false],
      ["B", defaultSettings.models.general, true],
      ["C", defaultSettings.models.medgemma4b, false],
      ["D", defaultSettings.models.medgemma4b, true],
      ["E", defaultSettings.models.medgemma27b, false],
      ["F", defaultSettings.models.medgemma27b, true],
    ]);
  });

  it("adds nothing the second time and leaves the admin's password alone", async () => {
    expect(await seedDatabase(db, { adminEmail: "other@hospital.example", adminPassword: "another-password-1" })).toEqual({});
    expect(await db.user.count()).toBe(1);
    expect(await db.ruleSetVersion.count()).toBe(1);
  });

  it("records what it installed in the admin-change log", async () => {
    const changes = await db.adminChange.findMany({ orderBy: { createdAt: "asc" } });
    expect(changes.map((change) => change.action).sort()).toEqual(["rules.seed", "scenarios.seed", "settings.seed", "user.create"]);
    expect(changes.every((change) => change.actorId === null)).toBe(true);
  });
});
