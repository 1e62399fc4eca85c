import { createHash } from "node:crypto";
import { canonicalJson } from "@/lib/config/canonical-json";
import type { RuleDraft } from "@/lib/schemas/config-changes";
import type { Settings } from "@/lib/schemas/settings";

// The content hash of an exported configuration. Rule version numbers are left
// out: each installation numbers its own rules (bump-rule-versions.ts), so the
// same rules and settings hash the same wherever they are in force. Pure.

/** sha256 (hex) of the canonical JSON of the rules without their versions and the settings. */
export function configDocumentHash(content: { rules: RuleDraft[]; settings: Settings }): string {
  const rules = content.rules.map(({ version: _version, ...rule }) => rule);
  return createHash("sha256").update(canonicalJson({ rules, settings: content.settings })).digest("hex");
}
