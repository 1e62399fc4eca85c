import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultRulePack } from "@/lib/compliance/default-rule-pack";
import { compareRuleSetVersions, compareSettingsVersions } from "@/lib/config/compare-config-versions";
import { getActiveConfig } from "@/lib/config/get-active-config";
import { listConfigHistory } from "@/lib/config/list-config-history";
import { rollbackRulePack } from "@/lib/config/rollback-rule-pack";
import { rollbackSettings } from "@/lib/config/rollback-settings";
import { saveRulePack } from "@/lib/config/save-rule-pack";
import { saveSettings } from "@/lib/config/save-settings";
import type { Db } from "@/lib/db";
import type { RuleDraft } from "@/lib/schemas/config-changes";
import { defaultSettings } from "@/lib/schemas/settings";
import { seedDatabase } from "@/prisma/seed";
import { createReviewer, previewAndApprove } from "../support/config-reviewer";
import { createTestDatabase, providers, type TestDatabase } from "../support/test-databases";

// Saving and rolling back rule packs and settings on real databases: a save
// is a new draft, approved by someone else into the active version (the
// previous one superseded); a roll-back is a new active version at once; each
// with an admin-change record in the same transaction, and conflicts instead
// of lost updates.

const without = (id: string): RuleDraft[] => defaultRulePack.map((rule) => (rule.id === id ? { ...rule, enabled: false } : rule));

describe.each(providers)("rule pack and settings versions on %s", (provider) => {
  let database: TestDatabase;
  let db: Db;
  let adminId: string;
  let reviewerId: string;

  beforeAll(async () => {
    database = await createTestDatabase(provider, { migrate: true });
    db = database.db();
    await seedDatabase(db, { adminEmail: "admin@hospital.example", adminPassword: "an-admin-password" });
    adminId = (await db.user.findFirstOrThrow({ where: { role: "admin" } })).id;
    reviewerId = await createReviewer(db);
  });
  afterAll(() => database.drop());

  const statuses = async () => (await db.ruleSetVersion.findMany({ orderBy: { version: "asc" } })).map((row) => [row.version, row.status]);

  it("saves an edited pack as a draft with a log entry, and approval makes it active, raising the changed rule's version", async () => {
    expect((await getActiveConfig(db)).ruleSet.version).toBe(1);
    const saved = await saveRulePack(db, { actorId: adminId, body: { baseVersion: 1, rules: without("medication-directive"), note: "Too many false alarms" } });
    expect(saved).toEqual({ version: 2, previousVersion: 1, summary: "Saved rule pack draft 2: turned off medication-directive", status: "draft" });
    expect(await statuses()).toEqual([
      [1, "active"],
      [2, "draft"],
    ]);
    expect((await getActiveConfig(db)).ruleSet.version).toBe(1);
    await previewAndApprove(db, { kind: "rules", version: 2, reviewerId });
    expect(await statuses()).toEqual([
      [1, "superseded"],
      [2, "active"],
    ]);
    const active = await getActiveConfig(db);
    expect(active.ruleSet).toMatchObject({ version: 2, note: "Too many false alarms" });
    expect(active.ruleSet.rules.find((rule) => rule.id === "medication-directive")).toMatchObject({ enabled: false, version: 2 });
    expect(active.ruleSet.rules.filter((rule) => rule.version === 1)).toHaveLength(defaultRulePack.length - 1);

    const log = await db.adminChange.findFirstOrThrow({ where: { action: "rules.draft" } });
    expect(log).toMatchObject({ actorId: adminId, entityType: "rule_set", entityId: "2", summary: saved.summary });
    expect(log.before).toMatchObject({ version: 1, rules: expect.arrayContaining([expect.objectContaining({ id: "medication-directive", enabled: true })]) });
    expect(log.after).toMatchObject({ version: 2, rules: expect.arrayContaining([expect.objectContaining({ id: "medication-directive", enabled: false, version: 2 })]) });
  });

  it("refuses a change started from an older version, an empty change and an unknown built-in check", async () => {
    await expect(saveRulePack(db, { actorId: adminId, body: { baseVersion: 1, rules: without("dosage-instructions"), note: "" } })).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringMatching(/version 2 is now in force, and your change started from version 1/),
    });
    const current = (await getActiveConfig(db)).ruleSet.rules;
    await expect(saveRulePack(db, { actorId: adminId, body: { baseVersion: 2, rules: current, note: "" } })).rejects.toMatchObject({ code: "bad_request" });
    const unknown = current.map((rule, index) => (index === 0 ? { ...rule, check: { kind: "builtin" as const, name: "mind-reading" } } : rule));
    await expect(saveRulePack(db, { actorId: adminId, body: { baseVersion: 2, rules: unknown, note: "" } })).rejects.toMatchObject({
      code: "validation_failed",
      fields: [{ path: "rules.0.check.name", message: expect.stringContaining("mind-reading") }],
    });
    expect(await statuses()).toEqual([
      [1, "superseded"],
      [2, "active"],
    ]);
  });

  it("rolls back by saving the old pack as a new version, with the changed rule on a new number", async () => {
    const saved = await rollbackRulePack(db, { actorId: adminId, body: { baseVersion: 2, toVersion: 1, note: "" } });
    expect(saved).toMatchObject({ version: 3, previousVersion: 2, summary: "Rolled the rule pack back to version 1 as version 3: turned on medication-directive" });
    const active = await getActiveConfig(db);
    expect(active.ruleSet).toMatchObject({ version: 3, note: "Roll-back to version 1" });
    expect(active.ruleSet.rules.find((rule) => rule.id === "medication-directive")).toMatchObject({ enabled: true, version: 3 });
    expect(await statuses()).toEqual([
      [1, "superseded"],
      [2, "superseded"],
      [3, "active"],
    ]);
    const rolledBack = await db.ruleSetVersion.findUniqueOrThrow({ where: { version: 1 } });
    expect(rolledBack.rules).toEqual(defaultRulePack);
    await expect(rollbackRulePack(db, { actorId: adminId, body: { baseVersion: 3, toVersion: 3, note: "" } })).rejects.toMatchObject({ code: "bad_request" });
    await expect(rollbackRulePack(db, { actorId: adminId, body: { baseVersion: 3, toVersion: 42, note: "" } })).rejects.toMatchObject({ code: "not_found" });
  });

  it("lets only one of two simultaneous approvals of drafts from the same version through", async () => {
    const first = await saveRulePack(db, { actorId: adminId, body: { baseVersion: 3, rules: without("dosage-instructions"), note: "first" } });
    const second = await saveRulePack(db, { actorId: adminId, body: { baseVersion: 3, rules: without("diagnostic-certainty"), note: "second" } });
    expect([first.version, second.version]).toEqual([4, 5]);
    const results = await Promise.allSettled([
      previewAndApprove(db, { kind: "rules", version: 4, reviewerId }),
      previewAndApprove(db, { kind: "rules", version: 5, reviewerId }),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(results.find((result) => result.status === "rejected")).toMatchObject({ reason: { code: "conflict" } });
    expect(await db.ruleSetVersion.count({ where: { status: "active" } })).toBe(1);
    expect((await statuses()).slice(3).map(([, status]) => status).sort()).toEqual(["active", "draft"]);
  });

  it("lists the history newest first with authors and log entries, and compares versions", async () => {
    const history = await listConfigHistory(db, "rules");
    expect(history.slice(2).map((entry) => [entry.version, entry.status, entry.change?.action])).toEqual([
      [3, "superseded", "rules.rollback"],
      [2, "superseded", "rules.draft"],
      [1, "superseded", "rules.seed"],
    ]);
    expect(history.slice(0, 2).map((entry) => entry.change?.action)).toEqual(["rules.draft", "rules.draft"]);
    expect(history[3]).toMatchObject({ author: { name: "Administrator", email: "admin@hospital.example" }, note: "Too many false alarms" });
    expect(history[4]).toMatchObject({ author: null, change: { summary: expect.stringContaining("Installed the default rule pack") } });

    const comparison = await compareRuleSetVersions(db, { from: 1, to: 2 });
    expect(comparison.summary).toEqual(["turned off medication-directive"]);
    expect(comparison.diff.changed[0]?.fields).toEqual([
      { field: "enabled", before: "on", after: "off" },
      { field: "version", before: "1", after: "2" },
    ]);
  });

  it("saves and rolls back settings the same way", async () => {
    const values = structuredClone(defaultSettings);
    values.retrieval.minSimilarity = 0.35;
    values.crisis.cues.push("hopeless");
    const saved = await saveSettings(db, { actorId: adminId, body: { baseVersion: 1, values, note: "" } });
    expect(saved).toEqual({ version: 2, previousVersion: 1, summary: "Saved settings draft 2: Minimum similarity 0.2 → 0.35; Crisis cues: added hopeless", status: "draft" });
    expect((await getActiveConfig(db)).settings.values.retrieval.minSimilarity).toBe(0.2);
    await previewAndApprove(db, { kind: "settings", version: 2, reviewerId });
    expect((await getActiveConfig(db)).settings.values.retrieval.minSimilarity).toBe(0.35);
    await expect(saveSettings(db, { actorId: adminId, body: { baseVersion: 1, values, note: "" } })).rejects.toMatchObject({ code: "conflict" });
    await expect(saveSettings(db, { actorId: adminId, body: { baseVersion: 2, values, note: "" } })).rejects.toMatchObject({ code: "bad_request" });

    const rolledBack = await rollbackSettings(db, { actorId: adminId, body: { baseVersion: 2, toVersion: 1, note: "" } });
    expect(rolledBack.version).toBe(3);
    expect((await getActiveConfig(db)).settings).toMatchObject({ version: 3, values: defaultSettings });
    expect((await compareSettingsVersions(db, { from: 2, to: 3 })).changes.map((change) => change.path)).toEqual(["retrieval.minSimilarity", "crisis.cues"]);
    const log = await db.adminChange.findMany({ where: { entityType: "settings" }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    expect(log.map((entry) => [entry.action, entry.entityId])).toEqual([
      ["settings.seed", "1"],
      ["settings.draft", "2"],
      ["settings.preview", "2"],
      ["settings.approve", "2"],
      ["settings.rollback", "3"],
    ]);
    expect((await listConfigHistory(db, "settings"))[0]).toMatchObject({ version: 3, status: "active", change: { action: "settings.rollback" } });
  });
});
