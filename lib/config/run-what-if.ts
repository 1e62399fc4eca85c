import "server-only";
import { assertKnownBuiltins } from "@/lib/config/assert-known-builtins";
import { getActiveConfig } from "@/lib/config/get-active-config";
import { loadReplayExchanges } from "@/lib/config/load-replay-exchanges";
import { type ReplayConfig, replayExchanges, type WhatIfResult } from "@/lib/config/replay-exchanges";
import type { Db } from "@/lib/db";
import type { WhatIfBody } from "@/lib/schemas/config-changes";

/** A what-if result and the versions in force it was compared with. */
export type WhatIfResponse = WhatIfResult & { limit: number; versions: { ruleSet: number; settings: number } };

/**
 * Replays the newest audited exchanges under a candidate rule pack or
 * settings, beside the configuration in force (see replay-exchanges.ts). No
 * model is called. Assumes a validated body and a caller with config.write.
 */
export async function runWhatIf(db: Db, body: WhatIfBody): Promise<WhatIfResponse> {
  const { ruleSet, settings } = await getActiveConfig(db);
  const baseline: ReplayConfig = { rules: ruleSet.rules, settings: settings.values };
  let candidate: ReplayConfig;
  switch (body.change.kind) {
    case "rules":
      assertKnownBuiltins(body.change.rules);
      candidate = { ...baseline, rules: body.change.rules.map((rule) => ({ ...rule, version: rule.version ?? 1 })) };
      break;
    case "settings":
      candidate = { ...baseline, settings: body.change.values };
      break;
  }
  const exchanges = await loadReplayExchanges(db, body.limit);
  return {
    ...replayExchanges({ exchanges, baseline, candidate }),
    limit: body.limit,
    versions: { ruleSet: ruleSet.version, settings: settings.version },
  };
}
