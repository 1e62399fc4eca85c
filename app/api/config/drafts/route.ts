import { listConfigDrafts } from "@/lib/config/list-config-drafts";
import { getDb } from "@/lib/db";
import { route } from "@/lib/http";
import { configDraftsQuerySchema } from "@/lib/schemas/config-changes";

export const dynamic = "force-dynamic";

/** The rule-pack or settings drafts awaiting approval, as the caller may act on them. */
export const GET = route({
  access: "config.approve",
  query: configDraftsQuerySchema,
  handler: ({ query, caller }) => listConfigDrafts(getDb(), { kind: query.kind, viewerId: caller.userId }),
});
