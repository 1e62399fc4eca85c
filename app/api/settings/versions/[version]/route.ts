import { getSettingsVersionOrThrow } from "@/lib/config/get-config-version";
import { getDb } from "@/lib/db";
import { route } from "@/lib/http";
import { versionParamSchema } from "@/lib/schemas/config-changes";

export const dynamic = "force-dynamic";

/** One settings version with its values. */
export const GET = route({
  access: "config.write",
  handler: ({ params }) => getSettingsVersionOrThrow(getDb(), versionParamSchema.parse(params.version)),
});
