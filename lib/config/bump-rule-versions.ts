import { canonicalJson } from "@/lib/config/canonical-json";
import type { RuleDraft } from "@/lib/schemas/config-changes";
import type { RuleDefinition, RulePack } from "@/lib/schemas/rules";

// A rule's own version names one definition of it: findings record the rule id
// and version, so a reviewer can tell which definition fired. A rule keeps its
// version while its definition stays the same, and gets a number higher than
// any it has had as soon as anything in it changes (a roll-back too), so a
// (rule id, version) pair never names two different definitions. Pure.

/** The rule without its version, as comparable text. */
export const ruleDefinitionKey = ({ version: _version, ...definition }: RuleDraft | RuleDefinition) => canonicalJson(definition);

/** The versions a new pack's rules get, given the pack in force and the highest version each rule id ever had. */
export function bumpRuleVersions(options: {
  active: RulePack;
  draft: RuleDraft[];
  highestVersions: ReadonlyMap<string, number>;
}): RulePack {
  const current = new Map(options.active.map((rule) => [rule.id, rule]));
  return options.draft.map((rule) => {
    const before = current.get(rule.id);
    if (before && ruleDefinitionKey(before) === ruleDefinitionKey(rule)) return { ...rule, version: before.version };
    const highest = Math.max(options.highestVersions.get(rule.id) ?? 0, before?.version ?? 0);
    return { ...rule, version: highest + 1 };
  });
}

/** The highest version of each rule id across stored packs; entries that are not rules are skipped. */
export function highestRuleVersions(storedPacks: unknown[]): Map<string, number> {
  const highest = new Map<string, number>();
  for (const pack of storedPacks) {
    if (!Array.isArray(pack)) continue;
    for (const rule of pack as { id?: unknown; version?: unknown }[]) {
      if (typeof rule?.id !== "string" || typeof rule.version !== "number") continue;
      highest.set(rule.id, Math.max(highest.get(rule.id) ?? 0, rule.version));
    }
  }
  return highest;
}
