import "server-only";
import { recordAdminChange } from "@/lib/audit/record-admin-change";
import { sameData } from "@/lib/config/canonical-json";
import { clipSummary, noActiveVersion, nothingChanged, staleVersion } from "@/lib/config/config-write-errors";
import { describeSettingsDiff, diffSettings } from "@/lib/config/diff-settings";
import type { SavedVersion } from "@/lib/config/write-rule-set-version";
import type { Db } from "@/lib/db";
import { type Settings, settingsSchema } from "@/lib/schemas/settings";

// Makes settings values the ones in force: a NEW active version, the previous
// one superseded, and the admin-change log entry, in one transaction, with the
// same conflict rule as rule packs (see write-rule-set-version.ts).

export type SettingsWrite = {
  actorId: string | null;
  baseVersion: number;
  values: Settings;
  note: string;
  action: "settings.update" | "settings.rollback";
  describe: (changes: string[], version: number) => string;
};

/** Writes the new active settings version. */
export async function writeSettingsVersion(db: Db, write: SettingsWrite): Promise<SavedVersion> {
  return db.$transaction(async (tx) => {
    const active = await tx.settingsVersion.findFirst({ where: { status: "active" }, orderBy: { version: "desc" } });
    if (!active) throw noActiveVersion("settings version");
    if (active.version !== write.baseVersion) throw staleVersion("settings", active.version, write.baseVersion);
    const before = settingsSchema.parse(active.values);
    if (sameData(before, write.values)) throw nothingChanged("settings", active.version);

    const superseded = await tx.settingsVersion.updateMany({ where: { version: active.version, status: "active" }, data: { status: "superseded" } });
    if (superseded.count !== 1) throw staleVersion("settings", active.version, write.baseVersion);
    const created = await tx.settingsVersion.create({
      data: { values: write.values, status: "active", note: write.note, createdById: write.actorId, activatedAt: new Date() },
    });
    const summary = clipSummary(write.describe(describeSettingsDiff(diffSettings(before, write.values)), created.version));
    await recordAdminChange(tx, {
      actorId: write.actorId,
      action: write.action,
      entityType: "settings",
      entityId: String(created.version),
      summary,
      before: { version: active.version, values: before },
      after: { version: created.version, values: write.values },
    });
    return { version: created.version, previousVersion: active.version, summary };
  });
}
