import "server-only";
import { assertOnceApproved } from "@/lib/config/config-write-errors";
import { getRuleSetVersionOrThrow } from "@/lib/config/get-config-version";
import { type SavedVersion, writeRuleSetVersion } from "@/lib/config/write-rule-set-version";
import type { Db } from "@/lib/db";
import type { RollbackBody } from "@/lib/schemas/config-changes";

/**
 * Puts an earlier rule pack back in force as a NEW version (the old version is
 * not reactivated, so the history reads in order). Assumes a validated body and a caller with config.write.
 */
export async function rollbackRulePack(db: Db, options: { actorId: string | null; body: RollbackBody }): Promise<SavedVersion> {
  const { body } = options;
  const target = await getRuleSetVersionOrThrow(db, body.toVersion);
  assertOnceApproved("rule pack", target);
  return writeRuleSetVersion(db, {
    actorId: options.actorId,
    baseVersion: body.baseVersion,
    draft: target.rules,
    note: body.note || `Roll-back to version ${target.version}`,
    action: "rules.rollback",
    status: "active",
    describe: (changes, version) => `Rolled the rule pack back to version ${target.version} as version ${version}: ${changes.join("; ")}`,
  });
}
