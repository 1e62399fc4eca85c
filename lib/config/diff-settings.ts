import { canonicalJson } from "@/lib/config/canonical-json";
import { type ReplayKind, settingField, settingFields } from "@/lib/config/settings-fields";
import type { Settings } from "@/lib/schemas/settings";

// What changed between two settings versions, setting by setting, with labels
// an admin recognises. Lists of phrases (the crisis cues) also say which
// entries were added and removed. Pure.

export type SettingChange = {
  path: string;
  label: string;
  replay: ReplayKind;
  before: string;
  after: string;
  added?: string[];
  removed?: string[];
};

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  Boolean(value) && typeof value === "object" && !Array.isArray(value);

/** Leaf settings by dotted path; arrays are leaves (a list is one setting). */
function leaves(value: unknown, prefix = ""): Map<string, unknown> {
  const found = new Map<string, unknown>();
  if (!isPlainObject(value)) return found.set(prefix, value);
  for (const [key, child] of Object.entries(value)) {
    for (const [path, leaf] of leaves(child, prefix ? `${prefix}.${key}` : key)) found.set(path, leaf);
  }
  return found;
}

/** A setting's value as text: strings as they are, lists of strings one per entry, anything else as JSON. */
export function formatSetting(value: unknown): string {
  if (value === undefined) return "not set";
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (Array.isArray(value) && value.every((item) => typeof item === "string")) return value.join("; ");
  if (Array.isArray(value)) {
    return value
      .map((item) => (isPlainObject(item) && "id" in item ? `${String(item.id)}${item.enabled === false ? " (off)" : ""}: ${canonicalJson(item)}` : canonicalJson(item)))
      .join("; ");
  }
  return typeof value === "number" ? String(value) : canonicalJson(value);
}

const formOrder = (path: string) => {
  const index = settingFields.findIndex((field) => field.path === path);
  return index < 0 ? settingFields.length : index;
};

/** The settings that differ from `before` to `after`, in the order of the settings form. */
export function diffSettings(before: Settings, after: Settings): SettingChange[] {
  const [a, b] = [leaves(before), leaves(after)];
  const changes: SettingChange[] = [];
  for (const path of new Set([...a.keys(), ...b.keys()])) {
    const [old, next] = [a.get(path), b.get(path)];
    if (canonicalJson(old) === canonicalJson(next)) continue;
    const { label, replay } = settingField(path);
    const change: SettingChange = { path, label, replay, before: formatSetting(old), after: formatSetting(next) };
    if (Array.isArray(old) && Array.isArray(next) && [...old, ...next].every((item) => typeof item === "string")) {
      change.added = (next as string[]).filter((item) => !old.includes(item));
      change.removed = (old as string[]).filter((item) => !next.includes(item));
    }
    changes.push(change);
  }
  return changes.sort((x, y) => formOrder(x.path) - formOrder(y.path));
}

/** One line per change, e.g. "Minimum similarity 0.2 → 0.3"; long texts are named, not quoted. */
export function describeSettingsDiff(changes: SettingChange[]): string[] {
  return changes.map((change) => {
    if (change.added || change.removed) {
      const parts = [change.added?.length ? `added ${change.added.join(", ")}` : "", change.removed?.length ? `removed ${change.removed.join(", ")}` : ""];
      return `${change.label}: ${parts.filter(Boolean).join("; ") || "new order"}`;
    }
    const short = change.before.length <= 40 && change.after.length <= 40;
    return short ? `${change.label} ${change.before} → ${change.after}` : `${change.label} changed`;
  });
}
