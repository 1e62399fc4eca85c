import { getSettingsAdmin } from "@/lib/config/get-settings-admin";
import { saveSettings } from "@/lib/config/save-settings";
import { getDb } from "@/lib/db";
import { route } from "@/lib/http";
import { saveSettingsBodySchema } from "@/lib/schemas/config-changes";

export const dynamic = "force-dynamic";

/** The settings in force. */
export const GET = route({ access: "config.write", handler: () => getSettingsAdmin(getDb()) });

/** Saves edited settings as a draft awaiting approval. */
export const POST = route({
  access: "config.write",
  body: saveSettingsBodySchema,
  handler: ({ body, caller }) => saveSettings(getDb(), { actorId: caller.userId, body }),
});
