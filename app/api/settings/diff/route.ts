import { compareSettingsVersions } from "@/lib/config/compare-config-versions";
import { getDb } from "@/lib/db";
import { route } from "@/lib/http";
import { compareVersionsQuerySchema } from "@/lib/schemas/config-changes";

export const dynamic = "force-dynamic";

/** What changed between two settings versions (?from=&to=), setting by setting. */
export const GET = route({
  access: "config.write",
  query: compareVersionsQuerySchema,
  handler: ({ query }) => compareSettingsVersions(getDb(), query),
});
