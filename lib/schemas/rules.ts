import { z } from "zod";
import { checkPatternSafety } from "@/lib/compliance/pattern-safety";
import { Severity } from "@/lib/generated/sqlite/enums";

// A rule pack is an array of rule definitions; one rule-set version stores one
// pack. Each rule carries its own version, raised whenever that rule changes.

export const ruleCheckSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("pattern"),
    pattern: z.string().min(1).max(2000),
    flags: z.string().regex(/^[imsu]*$/, { error: "may only contain the flags i, m, s and u" }).default("i"),
    /** Which text the pattern is matched against. */
    target: z.enum(["answer", "question"]).default("answer"),
  })
  // A saved pattern always runs safely: RE2 syntax, size limits, no backtracking hazards (see pattern-safety.ts).
  .superRefine((check, ctx) => {
    const safety = checkPatternSafety(check.pattern, check.flags);
    if (!safety.ok) ctx.addIssue({ code: "custom", path: ["pattern"], message: safety.reason });
  }),
  z.object({
    kind: z.literal("builtin"),
    /** Name of a check implemented in lib/compliance. */
    name: z.string().regex(/^[a-z][a-z0-9-]*$/),
  }),
]);

export const ruleDefinitionSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, {
    error: "must be 2-63 lower-case letters, digits or hyphens",
  }),
  version: z.int().min(1),
  description: z.string().trim().min(1).max(500),
  /** Shown to clinicians when the rule fires. */
  message: z.string().trim().min(1).max(500),
  severity: z.enum(Severity),
  check: ruleCheckSchema,
  /** Regulation clauses the rule enforces, e.g. "APP 6". */
  clauses: z.array(z.string().trim().min(1).max(100)).max(20).default([]),
  enabled: z.boolean(),
});

export const rulePackSchema = z
  .array(ruleDefinitionSchema)
  .refine((rules) => new Set(rules.map((rule) => rule.id)).size === rules.length, {
    error: "rule ids must be unique",
  });

export type RuleDefinition = z.infer<typeof ruleDefinitionSchema>;
export type RulePack = z.infer<typeof rulePackSchema>;
