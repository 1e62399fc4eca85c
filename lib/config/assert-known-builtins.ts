import { builtinChecks, getBuiltinCheck } from "@/lib/compliance/builtin-checks";
import { AppError } from "@/lib/errors";
import type { RuleDraft } from "@/lib/schemas/config-changes";

// A rule may only name a built-in check that exists: the engine would
// otherwise fail on every answer (and withhold it). The schema checks the
// name's shape; this checks it against the engine's list.

/** Throws a validation error naming each rule whose built-in check does not exist. */
export function assertKnownBuiltins(rules: RuleDraft[], pathOf = (index: number) => `rules.${index}`): void {
  const fields = rules.flatMap((rule, index) =>
    rule.check.kind === "builtin" && !getBuiltinCheck(rule.check.name)
      ? [{ path: `${pathOf(index)}.check.name`, message: `names the built-in check "${rule.check.name}", which does not exist` }]
      : [],
  );
  if (fields.length === 0) return;
  throw new AppError(
    "validation_failed",
    `Rule ${fields.map((field) => field.message).join("; ")}. Choose one of: ${Object.keys(builtinChecks).join(", ")}.`,
    { fields },
  );
}
