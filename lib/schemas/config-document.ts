import { z } from "zod";
import { rulePackDraftSchema } from "@/lib/schemas/config-changes";
import { settingsSchema } from "@/lib/schemas/settings";

// The one JSON document that carries a whole configuration between
// installations: the rule pack (its `enabled` switches are the rules' feature
// flags) and the settings, where they came from, and a hash of the content.
// Written by `cam config export`, read by `cam config import`. Client-safe.

export const CONFIG_DOCUMENT_FORMAT = "cam-config";
/** Raise when the document's shape changes; importers refuse versions they do not know. */
export const CONFIG_DOCUMENT_FORMAT_VERSION = 1;

export const configDocumentSchema = z.object({
  format: z.literal(CONFIG_DOCUMENT_FORMAT, { error: `must be "${CONFIG_DOCUMENT_FORMAT}"; this file is not a CAM configuration export` }),
  formatVersion: z.literal(CONFIG_DOCUMENT_FORMAT_VERSION, {
    error: `must be ${CONFIG_DOCUMENT_FORMAT_VERSION}; export the configuration again with this version of CAM`,
  }),
  exportedAt: z.iso.datetime({ error: "must be the export time as an ISO 8601 date and time" }),
  /** The versions in force where the document was exported; informative only. */
  source: z.object({ ruleSetVersion: z.int().min(1), settingsVersion: z.int().min(1) }),
  rules: rulePackDraftSchema,
  settings: settingsSchema,
  /** sha256 of the canonical content (see config-document-hash.ts). */
  sha256: z.string().regex(/^[0-9a-f]{64}$/, { error: "must be 64 lower-case hexadecimal digits (a sha256)" }),
});

export type ConfigDocument = z.infer<typeof configDocumentSchema>;
