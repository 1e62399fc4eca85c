import { env } from "@/lib/env";
import { route } from "@/lib/http";
import { listAvailableModels } from "@/lib/scenarios/list-available-models";

export const dynamic = "force-dynamic";

/** The models each configured model server reports, for choosing a scenario's model. */
export const GET = route({ access: "config.write", handler: () => listAvailableModels(env()) });
