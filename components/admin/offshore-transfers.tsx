"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { TextAreaField } from "@/components/ui/fields";
import { ErrorState, LoadingState, Notice } from "@/components/ui/status";
import { ApiError, apiFetch } from "@/lib/api-client";
import type { TransferApprovalView } from "@/lib/privacy/transfer-approvals";
import { queryKeys } from "@/lib/query-keys";
import { type OffshoreService, offshoreServiceNames, offshoreServices } from "@/lib/schemas/transfer-approvals";

type Approvals = Record<OffshoreService, TransferApprovalView | null>;

/** One offshore service: the decision in force, and a form to change it with the assessment behind it. */
function ServiceDecision({ service, current }: { service: OffshoreService; current: TransferApprovalView | null }) {
  const queryClient = useQueryClient();
  const [assessment, setAssessment] = useState("");
  const allowed = current?.enabled ?? false;
  const decide = useMutation({
    mutationFn: () => apiFetch<TransferApprovalView>("/api/admin/transfer-approvals", { json: { service, enabled: !allowed, assessment } }),
    onSuccess: () => {
      setAssessment("");
      void queryClient.invalidateQueries({ queryKey: queryKeys.transferApprovals });
      void queryClient.invalidateQueries({ queryKey: queryKeys.health });
    },
  });
  const fieldError = decide.error instanceof ApiError ? decide.error.body?.fields?.find((field) => field.path === "assessment")?.message : undefined;
  const name = offshoreServiceNames[service];
  return (
    <div className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-center gap-2">
        <h3 className="font-medium text-slate-900">{name}</h3>
        <Badge tone={allowed ? "warn" : "neutral"}>{allowed ? "Questions may be sent" : "Not allowed"}</Badge>
      </div>
      {current ? (
        <p className="text-sm text-slate-700">
          {allowed ? "Allowed" : "Stopped"} by {current.decidedBy ?? "the command line"} on {new Date(current.createdAt).toLocaleString()}. Assessment:{" "}
          <span className="whitespace-pre-wrap">{current.assessment}</span>
        </p>
      ) : (
        <p className="text-sm text-slate-700">No decision yet, so scenarios and judges that use {name} are refused.</p>
      )}
      <form
        className="space-y-3"
        onSubmit={(event) => {
          event.preventDefault();
          decide.mutate();
        }}
      >
        <TextAreaField
          id={`assessment-${service}`}
          label={allowed ? `Why stop sending questions to ${name}` : `Privacy assessment that allows sending questions to ${name}`}
          hint="Recorded with your name in the admin log and shown with every affected exchange. At least 20 characters."
          rows={3}
          value={assessment}
          error={fieldError}
          onChange={(event) => setAssessment(event.target.value)}
        />
        {decide.isError && !fieldError && <Notice tone="error">{decide.error.message}</Notice>}
        <Button type="submit" variant={allowed ? "secondary" : "primary"} disabled={decide.isPending}>
          {allowed ? `Stop sending questions to ${name}` : `Allow sending questions to ${name}`}
        </Button>
      </form>
    </div>
  );
}

/** Model services outside Australia: off until an admin records an assessment and allows them. */
export function OffshoreTransfers() {
  const approvals = useQuery({ queryKey: queryKeys.transferApprovals, queryFn: () => apiFetch<Approvals>("/api/admin/transfer-approvals") });
  if (approvals.isPending) return <LoadingState label="Loading offshore decisions…" />;
  if (approvals.isError) return <ErrorState message={approvals.error.message} onRetry={() => void approvals.refetch()} />;
  return (
    <section aria-labelledby="offshore-heading" className="space-y-3">
      <h2 id="offshore-heading" className="text-lg font-semibold text-slate-900">
        Model services outside Australia
      </h2>
      <p className="text-sm text-slate-700">
        Questions can hold health information. Sending them overseas is a cross-border disclosure (APP 8), so it stays off until an
        administrator records the assessment that allows it.
      </p>
      {offshoreServices.map((service) => (
        <ServiceDecision key={service} service={service} current={approvals.data[service]} />
      ))}
    </section>
  );
}
