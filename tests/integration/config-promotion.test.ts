import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { defaultRulePack } from "@/lib/compliance/default-rule-pack";
import { approveConfigDraft } from "@/lib/config/approve-config-draft";
import { configDocumentHash } from "@/lib/config/config-document-hash";
import { exportConfig } from "@/lib/config/export-config";
import { getActiveConfig } from "@/lib/config/get-active-config";
import { importConfig } from "@/lib/config/import-config";
import { listConfigDrafts } from "@/lib/config/list-config-drafts";
import { previewConfigDraft } from "@/lib/config/preview-config-draft";
import { rejectConfigDraft } from "@/lib/config/reject-config-draft";
import { rollbackRulePack } from "@/lib/config/rollback-rule-pack";
import { rollbackSettings } from "@/lib/config/rollback-settings";
import { saveRulePack } from "@/lib/config/save-rule-pack";
import type { Db } from "@/lib/db";
import type { ConfigDocument } from "@/lib/schemas/config-document";
import { seedDatabase } from "@/prisma/seed";
import { createReviewer, previewAndApprove } from "../support/config-reviewer";
import { createTestDatabase, providers, type TestDatabase } from "../support/test-databases";

// Promoting a configuration between installations and through review: export
// to one document, import as drafts, approval by someone else after a
// preview, rejection with a reason, and roll-back in one action.

const ADMIN = { adminEmail: "admin@hospital.example", adminPassword: "an-admin-password" };

describe.each(providers)("configuration promotion on %s", (provider) => {
  let source: TestDatabase;
  let target: TestDatabase;
  let from: Db;
  let to: Db;
  let adminId: string;
  let reviewerId: string;
  let exported: ConfigDocument;

  beforeAll(async () => {
    [source, target] = await Promise.all([createTestDatabase(provider, { migrate: true }), createTestDatabase(provider, { migrate: true })]);
    from = source.db();
    to = target.db();
    await Promise.all([seedDatabase(from, ADMIN), seedDatabase(to, ADMIN)]);
    adminId = (await to.user.findFirstOrThrow({ where: { role: "admin" } })).id;
    reviewerId = await createReviewer(to);
    // The source installation has one rule switched off (a feature flag) and a stricter threshold.
    const sourceAdmin = (await from.user.findFirstOrThrow({ where: { role: "admin" } })).id;
    const sourceReviewer = await createReviewer(from);
    const rules = defaultRulePack.map((rule) => (rule.id === "medication-directive" ? { ...rule, enabled: false } : rule));
    await saveRulePack(from, { actorId: sourceAdmin, body: { baseVersion: 1, rules, note: "" } });
    await previewAndApprove(from, { kind: "rules", version: 2, reviewerId: sourceReviewer });
    exported = await exportConfig(from);
  });
  afterAll(async () => {
    await Promise.all([source?.drop(), target?.drop()]);
  });

  const statuses = async () => (await to.ruleSetVersion.findMany({ orderBy: { version: "asc" } })).map((row) => [row.version, row.status]);

  it("exports rules with their enabled switches, settings, source versions and a content hash", () => {
    expect(exported).toMatchObject({ format: "cam-config", formatVersion: 1, source: { ruleSetVersion: 2, settingsVersion: 1 } });
    expect(exported.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(exported.rules.find((rule) => rule.id === "medication-directive")).toMatchObject({ enabled: false });
    expect(exported.settings.retrieval.minSimilarity).toBe(0.2);
  });

  it("imports as a draft recorded with its author, leaving the configuration in force alone", async () => {
    const imported = await importConfig(to, { actorId: adminId, document: JSON.parse(JSON.stringify(exported)) });
    expect(imported).toMatchObject({ rules: { version: 2, status: "draft" }, settings: null, sha256: exported.sha256 });
    expect(await statuses()).toEqual([
      [1, "active"],
      [2, "draft"],
    ]);
    expect((await getActiveConfig(to)).ruleSet.version).toBe(1);
    const log = await to.adminChange.findFirstOrThrow({ where: { action: "rules.import" } });
    expect(log).toMatchObject({ actorId: adminId, entityId: "2", summary: "Imported rule pack draft 2: turned off medication-directive" });
  });

  it("refuses approval by the draft's author, and by anyone before they previewed it", async () => {
    await expect(approveConfigDraft(to, { actorId: adminId, body: { kind: "rules", version: 2 } })).rejects.toMatchObject({
      code: "forbidden",
      message: expect.stringMatching(/You wrote rule pack draft 2, so someone else must approve/),
    });
    await expect(rejectConfigDraft(to, { actorId: adminId, body: { kind: "rules", version: 2, reason: "mine" } })).rejects.toMatchObject({ code: "forbidden" });
    await expect(approveConfigDraft(to, { actorId: reviewerId, body: { kind: "rules", version: 2 } })).rejects.toMatchObject({
      code: "bad_request",
      message: expect.stringMatching(/Preview the effect of rule pack draft 2 before approving it/),
    });
    // Someone else's preview does not count for this reviewer.
    await previewConfigDraft(to, { actorId: adminId, body: { kind: "rules", version: 2, limit: 10 } });
    await expect(approveConfigDraft(to, { actorId: reviewerId, body: { kind: "rules", version: 2 } })).rejects.toMatchObject({ code: "bad_request" });
    const listed = await listConfigDrafts(to, { kind: "rules", viewerId: reviewerId });
    expect(listed).toMatchObject({ activeVersion: 1, drafts: [{ version: 2, ownDraft: false, previewedByYou: false, stale: false, author: { email: "admin@hospital.example" } }] });
    expect(listed.drafts[0]?.changes).toEqual(["turned off medication-directive"]);
    expect((await listConfigDrafts(to, { kind: "rules", viewerId: adminId })).drafts[0]).toMatchObject({ ownDraft: true, previewedByYou: true });
    expect(await statuses()).toEqual([
      [1, "active"],
      [2, "draft"],
    ]);
  });

  it("activates on approval after a preview, storing what the preview showed, and round-trips to the same hash", async () => {
    const approved = await previewAndApprove(to, { kind: "rules", version: 2, reviewerId });
    expect(approved).toMatchObject({ version: 2, previousVersion: 1 });
    expect(await statuses()).toEqual([
      [1, "superseded"],
      [2, "active"],
    ]);
    const row = await to.ruleSetVersion.findUniqueOrThrow({ where: { version: 2 } });
    expect(row).toMatchObject({ reviewedById: reviewerId, activatedAt: expect.any(Date) });
    const log = await to.adminChange.findFirstOrThrow({ where: { action: "rules.approve" } });
    expect(log).toMatchObject({ actorId: reviewerId, entityId: "2", before: { version: 1 } });
    expect(log.after).toMatchObject({ version: 2, preview: { exchanges: 0, decisionChanges: 0, comparedWith: { ruleSet: 1, settings: 1 } } });

    const again = await exportConfig(to);
    expect(again.sha256).toBe(exported.sha256);
    await expect(approveConfigDraft(to, { actorId: reviewerId, body: { kind: "rules", version: 2 } })).rejects.toMatchObject({ code: "conflict" });
    await expect(importConfig(to, { actorId: adminId, document: again })).rejects.toMatchObject({ message: expect.stringMatching(/^Nothing to import/) });
  });

  it("rejects a draft with a reason, and never rolls back to it", async () => {
    const settings = { ...exported.settings, retrieval: { ...exported.settings.retrieval, topK: 3 } };
    const document = { ...exported, settings, sha256: "" };
    const imported = await importConfig(to, { actorId: adminId, document: { ...document, sha256: configDocumentHash(document) } });
    expect(imported).toMatchObject({ rules: null, settings: { version: 2, status: "draft" } });
    const rejected = await rejectConfigDraft(to, { actorId: reviewerId, body: { kind: "settings", version: 2, reason: "top-k 3 starves the answers" } });
    expect(rejected.summary).toBe("Rejected settings draft 2: top-k 3 starves the answers");
    expect(await to.settingsVersion.findUniqueOrThrow({ where: { version: 2 } })).toMatchObject({ status: "rejected", reviewedById: reviewerId });
    expect((await listConfigDrafts(to, { kind: "settings", viewerId: reviewerId })).drafts).toEqual([]);
    await expect(previewConfigDraft(to, { actorId: reviewerId, body: { kind: "settings", version: 2, limit: 10 } })).rejects.toMatchObject({ code: "conflict" });
    await expect(rollbackSettings(to, { actorId: adminId, body: { baseVersion: 1, toVersion: 2, note: "" } })).rejects.toMatchObject({
      message: expect.stringMatching(/is rejected and was never approved/),
    });
  });

  it("rolls back to an earlier approved version in one action, and marks older drafts stale", async () => {
    const draft = await saveRulePack(to, { actorId: adminId, body: { baseVersion: 2, rules: defaultRulePack.filter((rule) => rule.id !== "dosage-instructions"), note: "" } });
    expect(draft).toMatchObject({ version: 3, status: "draft" });
    await expect(rollbackRulePack(to, { actorId: adminId, body: { baseVersion: 2, toVersion: 3, note: "" } })).rejects.toMatchObject({
      message: expect.stringMatching(/is a draft and was never approved/),
    });
    const rolledBack = await rollbackRulePack(to, { actorId: adminId, body: { baseVersion: 2, toVersion: 1, note: "" } });
    expect(rolledBack).toMatchObject({ version: 4, status: "active" });
    expect((await getActiveConfig(to)).ruleSet).toMatchObject({ version: 4, rules: expect.arrayContaining([expect.objectContaining({ id: "medication-directive", enabled: true })]) });
    expect((await listConfigDrafts(to, { kind: "rules", viewerId: reviewerId })).drafts).toMatchObject([{ version: 3, stale: true }]);
    await previewConfigDraft(to, { actorId: reviewerId, body: { kind: "rules", version: 3, limit: 10 } });
    await expect(approveConfigDraft(to, { actorId: reviewerId, body: { kind: "rules", version: 3 } })).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringMatching(/changed after draft 3 was written \(version 4 is in force now\)/),
    });
    expect((await getActiveConfig(to)).ruleSet.version).toBe(4);
  });

  it("refuses a malformed document naming the field, an unsafe pattern, and a changed file", async () => {
    const bad = async (document: unknown) => {
      const error = await importConfig(to, { actorId: adminId, document }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ZodError);
      return (error as ZodError).issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    };
    expect(await bad({ ...exported, formatVersion: 2 })).toEqual([expect.stringMatching(/^formatVersion: must be 1/)]);
    expect(await bad({ ...exported, settings: { ...exported.settings, retrieval: { ...exported.settings.retrieval, topK: "five" } } })).toEqual([
      expect.stringMatching(/^settings\.retrieval\.topK: /),
    ]);
    const unsafe = exported.rules.map((rule, index) => (index === 0 ? { ...rule, check: { kind: "pattern", pattern: "(a+)+$", flags: "i", target: "answer" } } : rule));
    expect(await bad({ ...exported, rules: unsafe })).toEqual([expect.stringMatching(/^rules\.0\.check\.pattern: Nested quantifier/)]);
    const edited = exported.rules.map((rule) => ({ ...rule, enabled: true }));
    await expect(importConfig(to, { actorId: adminId, document: { ...exported, rules: edited } })).rejects.toMatchObject({
      code: "validation_failed",
      fields: [{ path: "sha256" }],
    });
    const unknownCheck = exported.rules.map((rule, index) => (index === 0 ? { ...rule, check: { kind: "builtin" as const, name: "mind-reading" } } : rule));
    const settings = { ...exported.settings, retrieval: { ...exported.settings.retrieval, topK: 4 } };
    await expect(importConfig(to, { actorId: adminId, document: { ...exported, rules: unknownCheck, settings, sha256: configDocumentHash({ rules: unknownCheck, settings }) } })).rejects.toMatchObject({
      code: "validation_failed",
      fields: [{ path: "rules.0.check.name" }],
    });
    expect(await to.ruleSetVersion.count()).toBe(4);
    expect(await to.settingsVersion.count()).toBe(2);
  });
});
