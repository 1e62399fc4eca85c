import "server-only";
import { type SavedVersion, writeRuleSetVersion } from "@/lib/config/write-rule-set-version";
import type { Db } from "@/lib/db";
import type { SaveRulePackBody } from "@/lib/schemas/config-changes";

/** Saves an admin's edited rule pack as a draft awaiting a reviewer's approval. Assumes a validated body and a caller with config.write. */
export function saveRulePack(db: Db, options: { actorId: string | null; body: SaveRulePackBody }): Promise<SavedVersion> {
  const { body } = options;
  return writeRuleSetVersion(db, {
    actorId: options.actorId,
    baseVersion: body.baseVersion,
    draft: body.rules,
    note: body.note,
    action: "rules.draft",
    status: "draft",
    describe: (changes, version) => `Saved rule pack draft ${version}: ${changes.join("; ")}`,
  });
}
