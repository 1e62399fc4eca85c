import type { Metadata } from "next";
import { AccessDenied } from "@/components/ui/access-denied";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { getPageAccess } from "@/lib/auth/current-caller";
import { getDb } from "@/lib/db";
import { listScenarios } from "@/lib/scenarios/list-scenarios";

export const metadata: Metadata = { title: "Playground" };

export default async function PlaygroundPage() {
  const { caller, allowed } = await getPageAccess("/playground", "chat");
  if (!allowed) return <AccessDenied permission="chat" role={caller.role} />;
  const scenarios = await listScenarios(getDb());

  return (
    <>
      <PageHeader
        title="Playground"
        description="Ask a healthcare model a question. CAM grounds the answer in regulations and codes of conduct, checks it against the rules, and records everything for review."
      />
      {scenarios.length === 0 ? (
        <EmptyState title="No scenarios are set up yet">
          <p>
            A scenario pairs a model with retrieval settings, and every question is asked against one. None are configured on
            this installation yet.
          </p>
        </EmptyState>
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {scenarios.map((scenario) => (
            <li key={scenario.id} className="rounded-lg border border-slate-200 bg-white p-4">
              <p className="font-medium text-slate-900">
                {scenario.id}: {scenario.name}
              </p>
              <p className="text-sm text-slate-600">
                {scenario.model} · {scenario.retrieval ? "with retrieval" : "no retrieval"}
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
