import { getDb } from "@/lib/db";
import { route } from "@/lib/http";
import { listModelsForApi } from "@/lib/scenarios/list-models-for-api";

export const dynamic = "force-dynamic";

/** The scenarios an OpenAI-compatible client can use as `model`. */
export const GET = route({ access: "chat", handler: () => listModelsForApi(getDb()) });
