import "server-only";
import { type RulePackDiff, describeRulePackDiff, diffRulePacks } from "@/lib/config/diff-rule-packs";
import { type SettingChange, diffSettings } from "@/lib/config/diff-settings";
import { getRuleSetVersionOrThrow, getSettingsVersionOrThrow } from "@/lib/config/get-config-version";
import type { Db } from "@/lib/db";

// The differences between two stored versions, for the version history.

export type RuleSetComparison = { from: number; to: number; diff: RulePackDiff; summary: string[] };
export type SettingsComparison = { from: number; to: number; changes: SettingChange[] };

/** What changed from rule-set version `from` to version `to`. */
export async function compareRuleSetVersions(db: Db, versions: { from: number; to: number }): Promise<RuleSetComparison> {
  const [from, to] = await Promise.all([getRuleSetVersionOrThrow(db, versions.from), getRuleSetVersionOrThrow(db, versions.to)]);
  const diff = diffRulePacks(from.rules, to.rules);
  return { from: from.version, to: to.version, diff, summary: describeRulePackDiff(diff) };
}

/** What changed from settings version `from` to version `to`. */
export async function compareSettingsVersions(db: Db, versions: { from: number; to: number }): Promise<SettingsComparison> {
  const [from, to] = await Promise.all([getSettingsVersionOrThrow(db, versions.from), getSettingsVersionOrThrow(db, versions.to)]);
  return { from: from.version, to: to.version, changes: diffSettings(from.values, to.values) };
}
