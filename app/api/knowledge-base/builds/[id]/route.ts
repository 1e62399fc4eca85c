import { getDb } from "@/lib/db";
import { route } from "@/lib/http";
import { getStoreBuild } from "@/lib/pipeline/get-store-build";

export const dynamic = "force-dynamic";

/** A store build's progress or result. */
export const GET = route({ access: "config.write", handler: ({ params }) => getStoreBuild(getDb(), String(params.id)) });
