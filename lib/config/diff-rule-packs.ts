import { canonicalJson } from "@/lib/config/canonical-json";
import type { RuleDefinition } from "@/lib/schemas/rules";

// What changed between two rule packs, rule by rule and field by field, in
// words an admin reads in the version history and the admin-change log. Rules
// are matched by id; a rule whose only difference is its version (re-issued by
// a roll-back) still counts as changed, so every version bump is explained. Pure.

export type FieldChange = { field: string; before: string; after: string };
export type RuleChange = { id: string; before: RuleDefinition; after: RuleDefinition; fields: FieldChange[] };
export type RulePackDiff = {
  added: RuleDefinition[];
  removed: RuleDefinition[];
  changed: RuleChange[];
  unchanged: number;
  /** Rules run (and findings are listed) in pack order, so a new order is a change too. */
  reordered: boolean;
};

/** How a rule's check reads in a diff: "built-in medication-directive" or "pattern /x/i on the answer". */
export function describeCheck(check: RuleDefinition["check"]): string {
  return check.kind === "builtin" ? `built-in ${check.name}` : `pattern /${check.pattern}/${check.flags} on the ${check.target}`;
}

const onOff = (enabled: boolean) => (enabled ? "on" : "off");
const list = (items: string[]) => (items.length ? items.join(", ") : "none");

function fieldChanges(before: RuleDefinition, after: RuleDefinition): FieldChange[] {
  const fields: FieldChange[] = [];
  const add = (field: string, a: string, b: string) => a !== b && fields.push({ field, before: a, after: b });
  add("enabled", onOff(before.enabled), onOff(after.enabled));
  add("severity", before.severity, after.severity);
  add("description", before.description, after.description);
  add("message", before.message, after.message);
  add("clauses", list(before.clauses), list(after.clauses));
  const [a, b] = [before.check, after.check];
  if (a.kind === "pattern" && b.kind === "pattern") {
    add("pattern", a.pattern, b.pattern);
    add("flags", a.flags || "none", b.flags || "none");
    add("target", a.target, b.target);
  } else add("check", describeCheck(a), describeCheck(b));
  add("version", String(before.version), String(after.version));
  return fields;
}

/** The differences from `before` to `after`. */
export function diffRulePacks(before: RuleDefinition[], after: RuleDefinition[]): RulePackDiff {
  const old = new Map(before.map((rule) => [rule.id, rule]));
  const next = new Set(after.map((rule) => rule.id));
  const diff: RulePackDiff = { added: [], removed: before.filter((rule) => !next.has(rule.id)), changed: [], unchanged: 0, reordered: false };
  for (const rule of after) {
    const previous = old.get(rule.id);
    if (!previous) diff.added.push(rule);
    else if (canonicalJson(previous) === canonicalJson(rule)) diff.unchanged += 1;
    else diff.changed.push({ id: rule.id, before: previous, after: rule, fields: fieldChanges(previous, rule) });
  }
  const kept = (rules: RuleDefinition[]) => rules.filter((rule) => old.has(rule.id) && next.has(rule.id)).map((rule) => rule.id).join();
  diff.reordered = kept(before) !== kept(after);
  return diff;
}

/** Whether the two packs differ at all. */
export const hasRuleChanges = (diff: RulePackDiff) =>
  diff.added.length + diff.removed.length + diff.changed.length > 0 || diff.reordered;

function describeChange(change: RuleChange): string {
  const names = change.fields.map((field) => field.field).filter((field) => field !== "version");
  const only = names.length === 1 ? change.fields.find((field) => field.field === names[0]) : undefined;
  if (only?.field === "enabled") return `turned ${only.after} ${change.id}`;
  if (only?.field === "severity") return `${change.id} severity ${only.before} → ${only.after}`;
  if (names.length === 0) return `re-issued ${change.id} as version ${change.after.version}`;
  return `changed ${change.id} (${names.join(", ")})`;
}

/** One line per change, e.g. ["turned off medication-directive", "added rule no-guarantees (warn)"]. */
export function describeRulePackDiff(diff: RulePackDiff): string[] {
  return [
    ...diff.changed.map(describeChange),
    ...diff.added.map((rule) => `added rule ${rule.id} (${rule.severity}, ${rule.check.kind === "builtin" ? "built-in" : "pattern"})`),
    ...diff.removed.map((rule) => `removed rule ${rule.id}`),
    ...(diff.reordered ? ["changed the order of the rules"] : []),
  ];
}
