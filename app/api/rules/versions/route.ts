import { listConfigHistory } from "@/lib/config/list-config-history";
import { getDb } from "@/lib/db";
import { route } from "@/lib/http";

export const dynamic = "force-dynamic";

/** Every rule-pack version, newest first, with who saved it and why. */
export const GET = route({ access: "config.write", handler: () => listConfigHistory(getDb(), "rules") });
