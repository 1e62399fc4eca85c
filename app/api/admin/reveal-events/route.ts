import { listRevealEvents } from "@/lib/audit/list-reveal-events";
import { getDb } from "@/lib/db";
import { route } from "@/lib/http";
import { revealListQuerySchema } from "@/lib/schemas/reveal";

export const dynamic = "force-dynamic";

/** Reveals of original text, newest first, for admins to review. */
export const GET = route({
  access: "privacy.oversee",
  query: revealListQuerySchema,
  handler: ({ query }) => listRevealEvents(getDb(), { userId: query.user, cursor: query.cursor }),
});
