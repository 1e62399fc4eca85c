import { getExchangeDetail } from "@/lib/audit/get-exchange-detail";
import { getDb } from "@/lib/db";
import { route } from "@/lib/http";

export const dynamic = "force-dynamic";

/** Everything recorded about one exchange, with personal identifiers replaced. */
export const GET = route({
  access: "audit.read",
  handler: ({ params }) => getExchangeDetail(getDb(), String(params.id)),
});
