import "server-only";
import { getActiveSettings } from "@/lib/config/get-active-config";
import type { Db } from "@/lib/db";
import type { Settings } from "@/lib/schemas/settings";

/** The settings version in force as the thresholds page edits it. */
export type SettingsAdmin = { version: number; note: string; activatedAt: string | null; values: Settings };

/** The active settings for the admin page and GET /api/settings. */
export async function getSettingsAdmin(db: Db): Promise<SettingsAdmin> {
  const settings = await getActiveSettings(db);
  return { version: settings.version, note: settings.note, activatedAt: settings.activatedAt?.toISOString() ?? null, values: settings.values };
}
