"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { DraftDecisionDialog } from "@/components/config-drafts/draft-decision-dialog";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { LocalTime } from "@/components/ui/local-time";
import { ErrorState, LoadingState, Notice } from "@/components/ui/status";
import { apiFetch } from "@/lib/api-client";
import type { ConfigKind } from "@/lib/config/list-config-history";
import type { ConfigDraftSummary, ConfigDrafts } from "@/lib/config/list-config-drafts";
import { queryKeys } from "@/lib/query-keys";

// "Drafts awaiting approval" on the rules and thresholds pages: every saved or
// imported draft with its author and what it changes against the version in
// force. Someone other than the author previews its effect, then approves or
// rejects it; authors see their own drafts with the reason they cannot.

/** Shown after a draft is saved. */
export const awaitingApproval = "Someone other than you must preview and approve it under Drafts awaiting approval before it goes into force.";

const nouns: Record<ConfigKind, string> = { rules: "rule pack", settings: "settings" };
export const draftListKeys: Record<ConfigKind, readonly unknown[]> = { rules: queryKeys.ruleSetDrafts, settings: queryKeys.settingsDrafts };

/** The drafts section of one kind of configuration; `title` tells the sections apart where both are shown. */
export function DraftsAwaitingApproval({ kind, title = "Drafts awaiting approval" }: { kind: ConfigKind; title?: string }) {
  const drafts = useQuery({ queryKey: draftListKeys[kind], queryFn: () => apiFetch<ConfigDrafts>(`/api/config/drafts?kind=${kind}`) });
  const [deciding, setDeciding] = useState<ConfigDraftSummary | null>(null);
  const [decided, setDecided] = useState<string>();

  return (
    <section aria-labelledby={`${kind}-drafts-heading`} className="space-y-3">
      <h2 id={`${kind}-drafts-heading`} className="text-lg font-semibold text-slate-900">
        {title}
      </h2>
      <p className="text-sm text-slate-600">
        Saved and imported changes wait here. Someone other than their author previews the effect on recent answers, then approves (the draft goes
        into force) or rejects it with a reason.
      </p>
      {decided && (
        <div role="status">
          <Notice tone="success">{decided}</Notice>
        </div>
      )}
      {drafts.isPending && <LoadingState label="Loading drafts…" />}
      {drafts.isError && <ErrorState title="The drafts could not be loaded" message={drafts.error.message} onRetry={() => void drafts.refetch()} />}
      {drafts.data && drafts.data.drafts.length === 0 && (
        <EmptyState title={`No ${nouns[kind]} drafts are waiting`}>Saved changes appear here until someone approves or rejects them.</EmptyState>
      )}
      {drafts.data && drafts.data.drafts.length > 0 && (
        <ul className="space-y-3">
          {drafts.data.drafts.map((draft) => (
            <li key={draft.version} aria-label={`Draft v${draft.version}`} className="space-y-2 rounded-lg border border-slate-300 bg-white p-4">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <p className="text-sm text-slate-800">
                  <span className="font-semibold">Draft v{draft.version}</span> by {draft.author ? `${draft.author.name} (${draft.author.email})` : "the command line"},{" "}
                  <LocalTime iso={draft.createdAt} />
                  {draft.note && ` · ${draft.note}`}
                </p>
                {draft.stale && <Badge tone="warn">Out of date</Badge>}
              </div>
              <div className="text-sm text-slate-800">
                <p className="font-medium">Changes against the version in force (v{drafts.data.activeVersion}):</p>
                <ul className="list-disc pl-5">
                  {draft.changes.map((change) => (
                    <li key={change}>{change}</li>
                  ))}
                </ul>
              </div>
              <div className="text-sm text-slate-800">
                {draft.evaluations.length > 0 ? (
                  <>
                    <p className="font-medium">Tried on question sets:</p>
                    <ul className="list-disc pl-5">
                      {draft.evaluations.map((run) => (
                        <li key={run.id}>
                          <Link href={`/runs/${run.id}`} className="text-blue-800 underline underline-offset-2">
                            {run.name || run.id}
                          </Link>{" "}
                          ({run.status}, <LocalTime iso={run.createdAt} />)
                        </li>
                      ))}
                    </ul>
                  </>
                ) : (
                  <p className="text-slate-700">
                    Not yet tried on a question set. To see its effect on fresh answers as well as on recent ones:{" "}
                    <code className="break-all">
                      npm run cam -- pipeline --questions &lt;file&gt; --draft {kind}:{draft.version}
                    </code>
                  </p>
                )}
              </div>
              {draft.ownDraft ? (
                <p className="text-sm text-slate-700">
                  You wrote this draft, so you cannot approve or reject it: a change goes into force only after a second person has checked it. Ask
                  another reviewer or admin.
                </p>
              ) : (
                <Button
                  variant="secondary"
                  onClick={() => {
                    setDecided(undefined);
                    setDeciding(draft);
                  }}
                >
                  Preview the effect
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      <DraftDecisionDialog
        kind={kind}
        draft={deciding}
        activeVersion={drafts.data?.activeVersion}
        onClose={() => setDeciding(null)}
        onDecided={(message) => {
          setDeciding(null);
          setDecided(message);
        }}
      />
    </section>
  );
}
