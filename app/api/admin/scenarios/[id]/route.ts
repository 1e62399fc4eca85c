import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http";
import { saveScenario } from "@/lib/scenarios/save-scenario";
import { scenarioSchema } from "@/lib/schemas/scenarios";

export const dynamic = "force-dynamic";

/** Replaces a scenario's settings. The id in the body must match the address. */
export const PUT = route({
  access: "config.write",
  body: scenarioSchema,
  handler: ({ body, params, caller }) => {
    if (body.id !== params.id) throw new AppError("bad_request", "The scenario id in the body differs from the one in the address; ids cannot be changed.");
    return saveScenario(getDb(), { scenario: body, actorId: caller.userId, create: false });
  },
});
