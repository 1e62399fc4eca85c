import type { JudgeThresholds, Verdict } from "@/lib/judges/types";

// A judge's compliance score in CAM's own terms, so judges and CAM's checks can
// be compared decision for decision. Pure.

/** allow at or above `allowAtLeast`, warn at or above `warnAtLeast`, block below. */
export function verdictFor(compliance: number, thresholds: JudgeThresholds): Verdict {
  if (compliance >= thresholds.allowAtLeast) return "allow";
  if (compliance >= thresholds.warnAtLeast) return "warn";
  return "block";
}
