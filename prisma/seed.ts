import "server-only";
import { randomBytes } from "node:crypto";
import { recordAdminChange } from "@/lib/audit/record-admin-change";
import { defaultRulePack } from "@/lib/compliance/default-rule-pack";
import type { Db } from "@/lib/db";
import { defaultScenarios } from "@/lib/scenarios/default-scenarios";
import { defaultSettings } from "@/lib/schemas/settings";
import { createUser } from "@/lib/users/create-user";

// Installs what a new installation needs: the default rule pack, default
// settings, the reference scenarios and a first admin account. Safe to run again: it only adds what is
// missing, and never changes an existing account or version.

export type SeedResult = {
  ruleSetVersion?: number;
  settingsVersion?: number;
  scenarios?: string[];
  admin?: { email: string; generatedPassword?: string };
};

/** Seeds missing defaults. A generated admin password is returned once and stored only as a hash. */
export async function seedDatabase(db: Db, options: { adminEmail: string; adminPassword?: string }): Promise<SeedResult> {
  const result: SeedResult = {};
  const now = new Date();

  await db.$transaction(async (tx) => {
    if ((await tx.ruleSetVersion.count()) === 0) {
      const created = await tx.ruleSetVersion.create({
        data: { rules: defaultRulePack, status: "active", note: "Default rule pack", activatedAt: now },
      });
      result.ruleSetVersion = created.version;
      await recordAdminChange(tx, {
        actorId: null,
        action: "rules.seed",
        entityType: "rule_set",
        entityId: String(created.version),
        summary: `Installed the default rule pack (${defaultRulePack.length} rules) as version ${created.version}`,
      });
    }
    if ((await tx.settingsVersion.count()) === 0) {
      const created = await tx.settingsVersion.create({
        data: { values: defaultSettings, status: "active", note: "Default settings", activatedAt: now },
      });
      result.settingsVersion = created.version;
      await recordAdminChange(tx, {
        actorId: null,
        action: "settings.seed",
        entityType: "settings",
        entityId: String(created.version),
        summary: `Installed the default settings as version ${created.version}`,
      });
    }
    if ((await tx.scenario.count()) === 0) {
      const scenarios = defaultScenarios(defaultSettings.models);
      await tx.scenario.createMany({ data: scenarios });
      result.scenarios = scenarios.map((scenario) => scenario.id);
      await recordAdminChange(tx, {
        actorId: null,
        action: "scenarios.seed",
        entityType: "scenario",
        summary: `Installed the reference scenarios ${result.scenarios.join(", ")}`,
      });
    }
  });

  if ((await db.user.count({ where: { role: "admin" } })) === 0) {
    const generatedPassword = options.adminPassword ? undefined : randomBytes(18).toString("base64url");
    const password = options.adminPassword ?? (generatedPassword as string);
    await createUser(db, { email: options.adminEmail, name: "Administrator", role: "admin", password }, null);
    result.admin = { email: options.adminEmail, generatedPassword };
  }
  return result;
}
