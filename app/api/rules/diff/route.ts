import { compareRuleSetVersions } from "@/lib/config/compare-config-versions";
import { getDb } from "@/lib/db";
import { route } from "@/lib/http";
import { compareVersionsQuerySchema } from "@/lib/schemas/config-changes";

export const dynamic = "force-dynamic";

/** What changed between two rule-pack versions (?from=&to=), rule by rule and field by field. */
export const GET = route({
  access: "config.write",
  query: compareVersionsQuerySchema,
  handler: ({ query }) => compareRuleSetVersions(getDb(), query),
});
