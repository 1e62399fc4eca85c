import { getDb } from "@/lib/db";
import { route } from "@/lib/http";
import { listAllScenarios, saveScenario } from "@/lib/scenarios/save-scenario";
import { scenarioSchema } from "@/lib/schemas/scenarios";

export const dynamic = "force-dynamic";

/** Every scenario, including disabled ones. */
export const GET = route({ access: "config.write", handler: () => listAllScenarios(getDb()) });

/** Creates a scenario. */
export const POST = route({
  access: "config.write",
  body: scenarioSchema,
  handler: ({ body, caller }) => saveScenario(getDb(), { scenario: body, actorId: caller.userId, create: true }),
});
