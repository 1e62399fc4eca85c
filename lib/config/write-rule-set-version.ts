import "server-only";
import { recordAdminChange } from "@/lib/audit/record-admin-change";
import { assertKnownBuiltins } from "@/lib/config/assert-known-builtins";
import { bumpRuleVersions, highestRuleVersions } from "@/lib/config/bump-rule-versions";
import { clipSummary, noActiveVersion, nothingChanged, staleVersion } from "@/lib/config/config-write-errors";
import { describeRulePackDiff, diffRulePacks, hasRuleChanges } from "@/lib/config/diff-rule-packs";
import type { Db, Tx } from "@/lib/db";
import type { RuleDraft } from "@/lib/schemas/config-changes";
import { rulePackSchema } from "@/lib/schemas/rules";

// Writes a NEW rule-pack version and its admin-change log entry in one
// transaction: a draft awaiting approval (edits, imports), or, for roll-backs
// to a version approved before, the active version with the previous one
// superseded. Versions are never edited. The previous version is only
// superseded if it is still the one the change started from, so of two admins
// saving at once, one gets a conflict instead of both packs becoming active.

/** A written version: `previousVersion` is the version in force it was compared with. */
export type SavedVersion = { version: number; previousVersion: number; summary: string; status: "draft" | "active" };

export type RuleSetWrite = {
  actorId: string | null;
  baseVersion: number;
  draft: RuleDraft[];
  note: string;
  action: "rules.draft" | "rules.import" | "rules.rollback";
  /** Drafts wait for a reviewer's approval (approve-config-draft.ts); only roll-backs activate at once. */
  status: "draft" | "active";
  /** The log summary, from one line per change and the new version number. */
  describe: (changes: string[], version: number) => string;
};

/** Writes the new rule-set version in a transaction of its own; see the module comment. */
export async function writeRuleSetVersion(db: Db, write: RuleSetWrite): Promise<SavedVersion> {
  return db.$transaction((tx) => writeRuleSetVersionIn(tx, write));
}

/** Writes the new rule-set version inside the caller's transaction. */
export async function writeRuleSetVersionIn(tx: Tx, write: RuleSetWrite): Promise<SavedVersion> {
  assertKnownBuiltins(write.draft);
  const active = await tx.ruleSetVersion.findFirst({ where: { status: "active" }, orderBy: { version: "desc" } });
  if (!active) throw noActiveVersion("rule pack");
  if (active.version !== write.baseVersion) throw staleVersion("rule pack", active.version, write.baseVersion);
  const activeRules = rulePackSchema.parse(active.rules);
  const stored = await tx.ruleSetVersion.findMany({ select: { rules: true } });
  const rules = bumpRuleVersions({ active: activeRules, draft: write.draft, highestVersions: highestRuleVersions(stored.map((row) => row.rules)) });
  const diff = diffRulePacks(activeRules, rules);
  if (!hasRuleChanges(diff)) throw nothingChanged("rule pack", active.version);

  if (write.status === "active") {
    const superseded = await tx.ruleSetVersion.updateMany({ where: { version: active.version, status: "active" }, data: { status: "superseded" } });
    if (superseded.count !== 1) throw staleVersion("rule pack", active.version, write.baseVersion);
  }
  const created = await tx.ruleSetVersion.create({
    data: { rules, status: write.status, note: write.note, createdById: write.actorId, activatedAt: write.status === "active" ? new Date() : null },
  });
  const summary = clipSummary(write.describe(describeRulePackDiff(diff), created.version));
  await recordAdminChange(tx, {
    actorId: write.actorId,
    action: write.action,
    entityType: "rule_set",
    entityId: String(created.version),
    summary,
    before: { version: active.version, rules: activeRules },
    after: { version: created.version, rules },
  });
  return { version: created.version, previousVersion: active.version, summary, status: write.status };
}
