import { listScenarioAvailability } from "@/lib/conversations/list-scenario-availability";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { route } from "@/lib/http";

export const dynamic = "force-dynamic";

/** The enabled scenarios, whether each one's model server can take questions now, and whether the retrieval store exists. */
export const GET = route({
  access: "chat",
  handler: () => listScenarioAvailability(getDb(), env()),
});
