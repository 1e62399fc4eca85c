import "server-only";
import { sameData } from "@/lib/config/canonical-json";
import { configDocumentHash } from "@/lib/config/config-document-hash";
import { ruleDefinitionKey } from "@/lib/config/bump-rule-versions";
import { getActiveConfig } from "@/lib/config/get-active-config";
import { type SavedVersion, writeRuleSetVersionIn } from "@/lib/config/write-rule-set-version";
import { writeSettingsVersionIn } from "@/lib/config/write-settings-version";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { configDocumentSchema } from "@/lib/schemas/config-document";

// Reads an exported configuration document and turns what differs from the
// configuration in force into drafts, never active versions: a reviewer who
// is not the importer approves them (approve-config-draft.ts). The document is
// parsed with the same schemas as the admin forms, so a bad field or an unsafe
// pattern is refused with its path; a hash that does not match means the file
// was changed after export, and it is refused too.

/** The drafts an import created; null where that part equalled the version in force. */
export type ImportedConfig = { rules: SavedVersion | null; settings: SavedVersion | null; sha256: string };

/** Imports a document as drafts. Throws ZodError for a malformed document. `actorId` is the author of the drafts. */
export async function importConfig(db: Db, options: { actorId: string | null; document: unknown; source?: string }): Promise<ImportedConfig> {
  const document = configDocumentSchema.parse(options.document);
  const sha256 = configDocumentHash(document);
  if (sha256 !== document.sha256) {
    throw new AppError(
      "validation_failed",
      `The document's sha256 does not match its content (expected ${sha256}), so it was changed after export. Export it again, or make the change on the admin pages instead.`,
      { fields: [{ path: "sha256", message: "does not match the rules and settings in the document" }] },
    );
  }
  const { ruleSet, settings } = await getActiveConfig(db);
  const rulesChanged = !sameData(ruleSet.rules.map(ruleDefinitionKey), document.rules.map(ruleDefinitionKey));
  const settingsChanged = !sameData(settings.values, document.settings);
  if (!rulesChanged && !settingsChanged) {
    throw new AppError(
      "bad_request",
      `Nothing to import: the document's rules and settings equal those in force (rule pack version ${ruleSet.version}, settings version ${settings.version}).`,
    );
  }
  const from = options.source ? ` from ${options.source}` : "";
  const note = `Imported${from} (exported ${document.exportedAt} from rule pack v${document.source.ruleSetVersion}, settings v${document.source.settingsVersion})`;
  // Both drafts in one transaction: an import lands whole or not at all.
  return db.$transaction(async (tx) => {
    const rules = rulesChanged
      ? await writeRuleSetVersionIn(tx, {
          actorId: options.actorId,
          baseVersion: ruleSet.version,
          draft: document.rules,
          note,
          action: "rules.import",
          status: "draft",
          describe: (changes, version) => `Imported rule pack draft ${version}: ${changes.join("; ")}`,
        })
      : null;
    const settingsDraft = settingsChanged
      ? await writeSettingsVersionIn(tx, {
          actorId: options.actorId,
          baseVersion: settings.version,
          values: document.settings,
          note,
          action: "settings.import",
          status: "draft",
          describe: (changes, version) => `Imported settings draft ${version}: ${changes.join("; ")}`,
        })
      : null;
    return { rules, settings: settingsDraft, sha256 };
  });
}
