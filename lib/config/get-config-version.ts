import "server-only";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { type RulePack, rulePackSchema } from "@/lib/schemas/rules";
import { type Settings, settingsSchema } from "@/lib/schemas/settings";

// One stored version of the rule pack or the settings, parsed with its schema
// so a damaged version is reported instead of shown or restored.

type VersionMeta = { version: number; status: string; note: string; createdAt: string };
export type RuleSetVersionDetail = VersionMeta & { rules: RulePack };
export type SettingsVersionDetail = VersionMeta & { values: Settings };

const missing = (what: string, version: number) =>
  new AppError("not_found", `There is no ${what} version ${version}. Pick a version from the history.`);

const damaged = (what: string, version: number, error: unknown) =>
  new AppError("config_invalid", `The stored ${what} version ${version} is damaged and cannot be used (${(error as Error).message}). Pick another version.`, {
    cause: error,
  });

/** A rule-set version and its rules, or a not-found error. */
export async function getRuleSetVersionOrThrow(db: Db, version: number): Promise<RuleSetVersionDetail> {
  const row = await db.ruleSetVersion.findUnique({ where: { version } });
  if (!row) throw missing("rule pack", version);
  const parsed = rulePackSchema.safeParse(row.rules);
  if (!parsed.success) throw damaged("rule pack", version, parsed.error);
  return { version: row.version, status: row.status, note: row.note, createdAt: row.createdAt.toISOString(), rules: parsed.data };
}

/** A settings version and its values (defaults filled in), or a not-found error. */
export async function getSettingsVersionOrThrow(db: Db, version: number): Promise<SettingsVersionDetail> {
  const row = await db.settingsVersion.findUnique({ where: { version } });
  if (!row) throw missing("settings", version);
  const parsed = settingsSchema.safeParse(row.values);
  if (!parsed.success) throw damaged("settings", version, parsed.error);
  return { version: row.version, status: row.status, note: row.note, createdAt: row.createdAt.toISOString(), values: parsed.data };
}
