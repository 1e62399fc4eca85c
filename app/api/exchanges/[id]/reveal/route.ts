import { revealExchange } from "@/lib/audit/reveal-exchange";
import { getDb } from "@/lib/db";
import { route } from "@/lib/http";
import { revealBodySchema } from "@/lib/schemas/reveal";

export const dynamic = "force-dynamic";

/** The original texts of an exchange, for someone allowed to see them; the reveal and its reason are recorded first. */
export const POST = route({
  access: "audit.reveal",
  body: revealBodySchema,
  handler: ({ params, body, caller }) => revealExchange(getDb(), { exchangeId: String(params.id), userId: caller.userId, body }),
});
