import "server-only";
import { assertOnceApproved } from "@/lib/config/config-write-errors";
import { getSettingsVersionOrThrow } from "@/lib/config/get-config-version";
import type { SavedVersion } from "@/lib/config/write-rule-set-version";
import { writeSettingsVersion } from "@/lib/config/write-settings-version";
import type { Db } from "@/lib/db";
import type { RollbackBody } from "@/lib/schemas/config-changes";

/** Puts earlier settings back in force as a NEW version. Assumes a validated body and a caller with config.write. */
export async function rollbackSettings(db: Db, options: { actorId: string | null; body: RollbackBody }): Promise<SavedVersion> {
  const { body } = options;
  const target = await getSettingsVersionOrThrow(db, body.toVersion);
  assertOnceApproved("settings", target);
  return writeSettingsVersion(db, {
    actorId: options.actorId,
    baseVersion: body.baseVersion,
    values: target.values,
    note: body.note || `Roll-back to version ${target.version}`,
    action: "settings.rollback",
    status: "active",
    describe: (changes, version) => `Rolled the settings back to version ${target.version} as version ${version}: ${changes.join("; ")}`,
  });
}
