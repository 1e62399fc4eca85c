import { z } from "zod";
import { ruleDefinitionSchema } from "@/lib/schemas/rules";
import { settingsSchema } from "@/lib/schemas/settings";

// Contracts for changing the rule pack and the settings, shared by the admin
// forms and the routes: saving a new version, rolling back, comparing two
// versions, testing one rule and previewing a change on recorded exchanges.
// Client-safe. Every write names the version it started from (baseVersion), so
// two admins editing at once cannot silently overwrite each other.

/** A rule as an admin edits it; the server decides its version when it is saved. */
export const ruleDraftSchema = ruleDefinitionSchema.extend({ version: z.int().min(1).optional() });

/** Far more than any pack needs; keeps a pack, and a what-if request carrying one, small. */
export const MAX_RULES = 200;

export const rulePackDraftSchema = z
  .array(ruleDraftSchema)
  .min(1, { error: "a rule pack needs at least one rule; turn rules off instead of removing them all" })
  .max(MAX_RULES, { error: `a rule pack may have at most ${MAX_RULES} rules` })
  .superRefine((rules, ctx) => {
    const seen = new Set<string>();
    rules.forEach((rule, index) => {
      if (seen.has(rule.id)) ctx.addIssue({ code: "custom", path: [index, "id"], message: `another rule already has the id ${rule.id}` });
      seen.add(rule.id);
    });
  });

const baseVersion = z.int({ error: "must be the version the change starts from" }).min(1);
const note = z.string().trim().max(500, { error: "must be at most 500 characters" }).default("");

export const saveRulePackBodySchema = z.object({ baseVersion, rules: rulePackDraftSchema, note });
export const saveSettingsBodySchema = z.object({ baseVersion, values: settingsSchema, note });
export const rollbackBodySchema = z.object({ baseVersion, toVersion: z.int().min(1), note });

/** A version number in a path or query string. */
export const versionParamSchema = z.coerce.number().int().min(1, { error: "must be a version number (1 or more)" });
export const compareVersionsQuerySchema = z.object({ from: versionParamSchema, to: versionParamSchema });

/** Longest sample text the rule tester accepts; a long answer is a few thousand characters. */
export const MAX_SAMPLE_CHARS = 20_000;

export const ruleTestBodySchema = z
  .object({
    rule: ruleDraftSchema,
    question: z.string().max(MAX_SAMPLE_CHARS, { error: `must be at most ${MAX_SAMPLE_CHARS} characters` }).default(""),
    answer: z.string().max(MAX_SAMPLE_CHARS, { error: `must be at most ${MAX_SAMPLE_CHARS} characters` }).default(""),
  })
  .refine((body) => body.question.trim() || body.answer.trim(), { error: "type a sample question or answer to test the rule on" });

export const WHAT_IF_DEFAULT_EXCHANGES = 200;
/** Each exchange brings its passages (about 25 kB); a thousand is a few seconds of replay. */
export const WHAT_IF_MAX_EXCHANGES = 1000;

export const whatIfChangeSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("rules"), rules: rulePackDraftSchema }),
  z.object({ kind: z.literal("settings"), values: settingsSchema }),
]);

export const whatIfBodySchema = z.object({
  limit: z
    .int({ error: "must be a whole number of exchanges" })
    .min(1, { error: "must be at least 1" })
    .max(WHAT_IF_MAX_EXCHANGES, { error: `must be at most ${WHAT_IF_MAX_EXCHANGES}` })
    .default(WHAT_IF_DEFAULT_EXCHANGES),
  change: whatIfChangeSchema,
});

/** The two kinds of versioned configuration. */
export const configKindSchema = z.enum(["rules", "settings"], { error: 'must be "rules" or "settings"' });

export const configDraftsQuerySchema = z.object({ kind: configKindSchema });

const draftRef = { kind: configKindSchema, version: z.int({ error: "must be the draft's version number" }).min(1) };

export const previewDraftBodySchema = z.object({ ...draftRef, limit: whatIfBodySchema.shape.limit });
export const approveDraftBodySchema = z.object(draftRef);
export const rejectDraftBodySchema = z.object({
  ...draftRef,
  reason: z.string().trim().min(1, { error: "say why the draft is rejected, so its author knows what to change" }).max(500, { error: "must be at most 500 characters" }),
});

/** Request bodies carrying a whole rule pack can exceed the usual 64 KiB. */
export const CONFIG_BODY_LIMIT_BYTES = 1024 * 1024;

export type RuleDraft = z.infer<typeof ruleDraftSchema>;
export type RuleDraftInput = z.input<typeof ruleDraftSchema>;
export type SaveRulePackBody = z.infer<typeof saveRulePackBodySchema>;
export type SaveSettingsBody = z.infer<typeof saveSettingsBodySchema>;
export type RollbackBody = z.infer<typeof rollbackBodySchema>;
export type RuleTestBody = z.infer<typeof ruleTestBodySchema>;
export type WhatIfChange = z.infer<typeof whatIfChangeSchema>;
export type WhatIfBody = z.infer<typeof whatIfBodySchema>;
export type PreviewDraftBody = z.infer<typeof previewDraftBodySchema>;
export type ApproveDraftBody = z.infer<typeof approveDraftBodySchema>;
export type RejectDraftBody = z.infer<typeof rejectDraftBodySchema>;
