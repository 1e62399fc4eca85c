import type { z } from "zod";
import { checkPatternSafety } from "@/lib/compliance/pattern-safety";
import { type RuleDraft, ruleDraftSchema } from "@/lib/schemas/config-changes";

// The rule editor's form: text fields as typed, turned into a rule draft with
// the same schema the server uses, and the schema's complaints turned into
// one message per field. Pure.

export type RuleForm = {
  id: string;
  description: string;
  message: string;
  severity: RuleDraft["severity"];
  /** One clause per line. */
  clauses: string;
  enabled: boolean;
  kind: "builtin" | "pattern";
  builtinName: string;
  pattern: string;
  flags: string;
  target: "answer" | "question";
};

export type RuleFormField = "id" | "description" | "message" | "severity" | "clauses" | "builtinName" | "pattern" | "flags";
export type RuleFormErrors = Partial<Record<RuleFormField, string>>;

/** A new rule's starting point: a warning pattern on the answer. */
export function blankRuleForm(builtinName = ""): RuleForm {
  return {
    id: "",
    description: "",
    message: "",
    severity: "warn",
    clauses: "",
    enabled: true,
    kind: "pattern",
    builtinName,
    pattern: "",
    flags: "i",
    target: "answer",
  };
}

/** The form for an existing rule. */
export function ruleToForm(rule: RuleDraft, fallbackBuiltin = ""): RuleForm {
  const check = rule.check;
  return {
    id: rule.id,
    description: rule.description,
    message: rule.message,
    severity: rule.severity,
    clauses: rule.clauses.join("\n"),
    enabled: rule.enabled,
    kind: check.kind,
    builtinName: check.kind === "builtin" ? check.name : fallbackBuiltin,
    pattern: check.kind === "pattern" ? check.pattern : "",
    flags: check.kind === "pattern" ? check.flags : "i",
    target: check.kind === "pattern" ? check.target : "answer",
  };
}

/** Where a schema issue belongs on the form. */
function fieldOf(path: PropertyKey[]): RuleFormField {
  const [first, second] = path;
  if (first === "check") return second === "pattern" ? "pattern" : second === "flags" ? "flags" : second === "name" ? "builtinName" : "pattern";
  if (first === "clauses") return "clauses";
  return (["id", "description", "message", "severity"] as const).find((field) => field === first) ?? "description";
}

/** Plain words for the schema's complaints. */
function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === "too_small" && issue.origin === "string") return Number(issue.minimum) <= 1 ? "is required" : `must be at least ${issue.minimum} characters`;
  if (issue.code === "too_big" && issue.origin === "string") return `must be at most ${issue.maximum} characters`;
  if (issue.code === "too_big" && issue.origin === "array") return `may list at most ${issue.maximum} clauses`;
  return issue.message;
}

/**
 * The rule the form describes, or why not. `otherIds` are the ids of the
 * pack's other rules (ids must be unique); `builtinNames` the checks that exist.
 */
export function formToRule(form: RuleForm, options: { version?: number; otherIds: string[]; builtinNames: string[] }): { rule?: RuleDraft; errors: RuleFormErrors } {
  const check =
    form.kind === "builtin"
      ? { kind: "builtin" as const, name: form.builtinName }
      : { kind: "pattern" as const, pattern: form.pattern, flags: form.flags, target: form.target };
  const parsed = ruleDraftSchema.safeParse({
    id: form.id.trim(),
    version: options.version,
    description: form.description,
    message: form.message,
    severity: form.severity,
    clauses: form.clauses.split("\n").map((clause) => clause.trim()).filter(Boolean),
    enabled: form.enabled,
    check,
  });
  const errors: RuleFormErrors = {};
  if (!parsed.success) for (const issue of parsed.error.issues) errors[fieldOf(issue.path)] ??= describeIssue(issue);
  if (options.otherIds.includes(form.id.trim())) errors.id ??= "is already used by another rule; choose another id";
  if (form.kind === "builtin" && !options.builtinNames.includes(form.builtinName)) errors.builtinName ??= "choose one of the built-in checks";
  return Object.keys(errors).length || !parsed.success ? { errors } : { rule: parsed.data, errors };
}

/** Why a pattern would be refused, checked as it is typed; undefined when it is safe (or still empty). */
export function patternProblem(form: RuleForm): string | undefined {
  if (form.kind !== "pattern" || form.pattern === "") return undefined;
  const safety = checkPatternSafety(form.pattern, form.flags);
  return safety.ok ? undefined : safety.reason;
}
