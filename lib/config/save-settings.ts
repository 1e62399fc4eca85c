import "server-only";
import type { SavedVersion } from "@/lib/config/write-rule-set-version";
import { writeSettingsVersion } from "@/lib/config/write-settings-version";
import type { Db } from "@/lib/db";
import type { SaveSettingsBody } from "@/lib/schemas/config-changes";

/** Saves an admin's edited settings as a draft awaiting a reviewer's approval. Assumes a validated body and a caller with config.write. */
export function saveSettings(db: Db, options: { actorId: string | null; body: SaveSettingsBody }): Promise<SavedVersion> {
  const { body } = options;
  return writeSettingsVersion(db, {
    actorId: options.actorId,
    baseVersion: body.baseVersion,
    values: body.values,
    note: body.note,
    action: "settings.draft",
    status: "draft",
    describe: (changes, version) => `Saved settings draft ${version}: ${changes.join("; ")}`,
  });
}
