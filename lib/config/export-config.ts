import "server-only";
import { configDocumentHash } from "@/lib/config/config-document-hash";
import { getActiveConfig } from "@/lib/config/get-active-config";
import type { Db } from "@/lib/db";
import { CONFIG_DOCUMENT_FORMAT, CONFIG_DOCUMENT_FORMAT_VERSION, type ConfigDocument } from "@/lib/schemas/config-document";

/** The rule pack and settings in force as one versioned document (see lib/schemas/config-document.ts). */
export async function exportConfig(db: Db, options: { now?: Date } = {}): Promise<ConfigDocument> {
  const { ruleSet, settings } = await getActiveConfig(db);
  return {
    format: CONFIG_DOCUMENT_FORMAT,
    formatVersion: CONFIG_DOCUMENT_FORMAT_VERSION,
    exportedAt: (options.now ?? new Date()).toISOString(),
    source: { ruleSetVersion: ruleSet.version, settingsVersion: settings.version },
    rules: ruleSet.rules,
    settings: settings.values,
    sha256: configDocumentHash({ rules: ruleSet.rules, settings: settings.values }),
  };
}
