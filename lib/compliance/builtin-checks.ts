import type { CheckInput } from "@/lib/compliance/types";
import { diagnosticCertainty } from "@/lib/compliance/checks/diagnostic-certainty";
import { discouragesProfessionalCare } from "@/lib/compliance/checks/discourages-professional-care";
import { dosageInstructions } from "@/lib/compliance/checks/dosage-instructions";
import { echoesPersonalIdentifiers } from "@/lib/compliance/checks/echoes-personal-identifiers";
import type { CheckHit } from "@/lib/compliance/checks/find-hits";
import { medicationDirective } from "@/lib/compliance/checks/medication-directive";
import { missingDisclaimer } from "@/lib/compliance/checks/missing-disclaimer";
import { selfHarmInstructions } from "@/lib/compliance/checks/self-harm-instructions";
import { unsupportedCitation } from "@/lib/compliance/checks/unsupported-citation";

// The checks a rule can name with { kind: "builtin", name }. Each is a pure
// function of one exchange returning one entry per hit; evidence is already
// redacted. Each lives in lib/compliance/checks/, where its header says what
// it deliberately does not catch.

export type BuiltinCheck = (input: CheckInput) => CheckHit[];
export type { CheckHit };

/** Every built-in check by the name rules use. */
export const builtinChecks: Readonly<Record<string, BuiltinCheck>> = {
  "self-harm-instructions": selfHarmInstructions,
  "medication-directive": medicationDirective,
  "dosage-instructions": dosageInstructions,
  "diagnostic-certainty": diagnosticCertainty,
  "discourages-professional-care": discouragesProfessionalCare,
  "echoes-personal-identifiers": echoesPersonalIdentifiers,
  "unsupported-citation": unsupportedCitation,
  "missing-disclaimer": missingDisclaimer,
};

/** The built-in check with this name, or undefined. */
export function getBuiltinCheck(name: string): BuiltinCheck | undefined {
  return Object.hasOwn(builtinChecks, name) ? builtinChecks[name] : undefined;
}
