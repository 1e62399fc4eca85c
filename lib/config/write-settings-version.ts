import "server-only";
import { recordAdminChange } from "@/lib/audit/record-admin-change";
import { sameData } from "@/lib/config/canonical-json";
import { clipSummary, noActiveVersion, nothingChanged, staleVersion } from "@/lib/config/config-write-errors";
import { describeSettingsDiff, diffSettings } from "@/lib/config/diff-settings";
import type { SavedVersion } from "@/lib/config/write-rule-set-version";
import type { Db, Tx } from "@/lib/db";
import { type Settings, settingsSchema } from "@/lib/schemas/settings";

// Writes a NEW settings version (a draft, or active for a roll-back) and its
// admin-change log entry in one transaction, with the same rules as rule packs
// (see write-rule-set-version.ts).

export type SettingsWrite = {
  actorId: string | null;
  baseVersion: number;
  values: Settings;
  note: string;
  action: "settings.draft" | "settings.import" | "settings.rollback";
  status: "draft" | "active";
  describe: (changes: string[], version: number) => string;
};

/** Writes the new settings version in a transaction of its own. */
export async function writeSettingsVersion(db: Db, write: SettingsWrite): Promise<SavedVersion> {
  return db.$transaction((tx) => writeSettingsVersionIn(tx, write));
}

/** Writes the new settings version inside the caller's transaction. */
export async function writeSettingsVersionIn(tx: Tx, write: SettingsWrite): Promise<SavedVersion> {
  const active = await tx.settingsVersion.findFirst({ where: { status: "active" }, orderBy: { version: "desc" } });
  if (!active) throw noActiveVersion("settings version");
  if (active.version !== write.baseVersion) throw staleVersion("settings", active.version, write.baseVersion);
  const before = settingsSchema.parse(active.values);
  if (sameData(before, write.values)) throw nothingChanged("settings", active.version);

  if (write.status === "active") {
    const superseded = await tx.settingsVersion.updateMany({ where: { version: active.version, status: "active" }, data: { status: "superseded" } });
    if (superseded.count !== 1) throw staleVersion("settings", active.version, write.baseVersion);
  }
  const created = await tx.settingsVersion.create({
    data: { values: write.values, status: write.status, note: write.note, createdById: write.actorId, activatedAt: write.status === "active" ? new Date() : null },
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
  return { version: created.version, previousVersion: active.version, summary, status: write.status };
}
