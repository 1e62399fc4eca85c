import { getRuleSetVersionOrThrow } from "@/lib/config/get-config-version";
import { getDb } from "@/lib/db";
import { route } from "@/lib/http";
import { versionParamSchema } from "@/lib/schemas/config-changes";

export const dynamic = "force-dynamic";

/** One rule-pack version with its rules. */
export const GET = route({
  access: "config.write",
  handler: ({ params }) => getRuleSetVersionOrThrow(getDb(), versionParamSchema.parse(params.version)),
});
