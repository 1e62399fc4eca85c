import type { Metadata } from "next";
import { Suspense } from "react";
import { Playground } from "@/components/chat/playground";
import { AccessDenied } from "@/components/ui/access-denied";
import { PageHeader } from "@/components/ui/page-header";
import { LoadingState } from "@/components/ui/status";
import { getPageAccess } from "@/lib/auth/current-caller";
import { can } from "@/lib/auth/permissions";
import { getActiveSettings } from "@/lib/config/get-active-config";
import { listConversations } from "@/lib/conversations/list-conversations";
import { listScenarioAvailability } from "@/lib/conversations/list-scenario-availability";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { DEFAULT_CONVERSATION_PAGE } from "@/lib/schemas/conversations";

export const metadata: Metadata = { title: "Playground" };

/** The playground's shell, rendered on the server with the first data, so it shows at once; the chat itself runs in the browser. */
export default async function PlaygroundPage() {
  const { caller, allowed } = await getPageAccess("/playground", "chat");
  if (!allowed) return <AccessDenied permission="chat" role={caller.role} />;
  const db = getDb();
  const [scenarios, conversations, settings] = await Promise.all([
    listScenarioAvailability(db, env()),
    listConversations(db, { userId: caller.userId, limit: DEFAULT_CONVERSATION_PAGE }),
    getActiveSettings(db),
  ]);
  const { answer, crisis, limits } = settings.values;

  return (
    <>
      <PageHeader
        title="Playground"
        description="Ask a healthcare model a question. CAM grounds the answer in regulations and codes of conduct, checks it against the rules, and records everything for review."
      />
      <Suspense fallback={<LoadingState label="Loading the playground…" />}>
        <Playground
          scenarios={scenarios}
          conversations={conversations}
          texts={{ disclaimer: answer.disclaimer, crisisResources: crisis.resources }}
          limits={{ maxQuestionChars: limits.maxQuestionChars, maxConversationTurns: limits.maxConversationTurns }}
          canManageStore={can(caller.role, "config.write")}
        />
      </Suspense>
    </>
  );
}
