import type { Db } from "@/lib/db";
import { type Settings, settingsSchema } from "@/lib/schemas/settings";

/** Makes a new settings version active, with `change` applied to the current values (tests only change what they need). */
export async function activateSettings(db: Db, change: (values: Settings) => Settings): Promise<void> {
  const current = await db.settingsVersion.findFirstOrThrow({ where: { status: "active" }, orderBy: { version: "desc" } });
  const values = change(settingsSchema.parse(current.values));
  await db.$transaction([
    db.settingsVersion.update({ where: { version: current.version }, data: { status: "superseded" } }),
    db.settingsVersion.create({ data: { values, status: "active", note: "changed by a test", activatedAt: new Date() } }),
  ]);
}
