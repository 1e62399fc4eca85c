import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { route } from "@/lib/http";
import { getKnowledgeBase } from "@/lib/pipeline/knowledge-base-overview";

export const dynamic = "force-dynamic";

/** The store in use, the documents folder and the build history. */
export const GET = route({ access: "config.write", handler: () => getKnowledgeBase(getDb(), env()) });
