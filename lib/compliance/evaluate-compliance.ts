import { getBuiltinCheck } from "@/lib/compliance/builtin-checks";
import type { CheckHit } from "@/lib/compliance/checks/find-hits";
import { matchPatternRule, type PatternCheck } from "@/lib/compliance/match-pattern-rule";
import { screenPatternRules } from "@/lib/compliance/screen-pattern-rules";
import type { CheckInput, ComplianceDecision, ComplianceFinding } from "@/lib/compliance/types";
import { redactIdentifiers } from "@/lib/privacy/detect-identifiers";
import type { RuleDefinition } from "@/lib/schemas/rules";

// The compliance decision for one answer: every enabled rule of the active
// pack runs, in pack order, and each hit becomes a finding. Any block finding
// blocks; otherwise any warn finding warns; info findings are recorded but
// never change the action. Pure and synchronous, so the agent can time it and
// fail closed when it throws (an unknown built-in, a refused pattern).

/** Most findings one rule adds to a decision; more of the same add nothing a reviewer needs. */
const MAX_FINDINGS_PER_RULE = 10;

function runRule(rule: RuleDefinition, input: CheckInput, mayMatch: (check: PatternCheck) => boolean): CheckHit[] {
  const check = rule.check;
  switch (check.kind) {
    case "builtin": {
      const run = getBuiltinCheck(check.name);
      if (!run) {
        throw new Error(
          `Rule "${rule.id}" names the built-in check "${check.name}", which does not exist. Fix the rule pack: use one of the checks in lib/compliance/builtin-checks.ts.`,
        );
      }
      return run(input);
    }
    case "pattern":
      return matchPatternRule(rule.id, check, input, mayMatch(check));
    default: {
      const unknown: never = check;
      throw new Error(`Rule "${rule.id}" has a check of unknown kind: ${JSON.stringify(unknown)}.`);
    }
  }
}

/** Allow, warn or block, with the findings behind it in rule order. */
export function evaluateCompliance(input: CheckInput, rules: RuleDefinition[]): ComplianceDecision {
  const enabled = rules.filter((rule) => rule.enabled);
  const patternChecks = enabled.flatMap((rule) => (rule.check.kind === "pattern" ? [rule.check] : []));
  const mayMatch = screenPatternRules(patternChecks, input);
  const findings: ComplianceFinding[] = [];
  for (const rule of enabled) {
    for (const hit of runRule(rule, input, mayMatch).slice(0, MAX_FINDINGS_PER_RULE)) {
      findings.push({
        ruleId: rule.id,
        ruleVersion: rule.version,
        severity: rule.severity,
        message: rule.message,
        clauses: [...rule.clauses],
        ...(hit.evidence === undefined ? {} : { evidence: redactIdentifiers(hit.evidence) }),
      });
    }
  }
  const has = (severity: ComplianceFinding["severity"]) => findings.some((finding) => finding.severity === severity);
  return { action: has("block") ? "block" : has("warn") ? "warn" : "allow", findings };
}
