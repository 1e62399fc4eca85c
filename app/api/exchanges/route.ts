import { searchExchanges } from "@/lib/audit/search-exchanges";
import { getDb } from "@/lib/db";
import { route } from "@/lib/http";
import { exchangeSearchQuerySchema } from "@/lib/schemas/audit";

export const dynamic = "force-dynamic";

/** Searches the audit trail: filters, order and a page (keyset cursor); redacted text only. */
export const GET = route({
  access: "audit.read",
  query: exchangeSearchQuerySchema,
  handler: ({ query }) => searchExchanges(getDb(), query),
});
