import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";

/** Shown while data loads; announced politely to screen readers. */
export function LoadingState({ label = "Loading…" }: { label?: string }) {
  return (
    <p role="status" aria-live="polite" className="py-6 text-sm text-slate-600">
      {label}
    </p>
  );
}

/** Shown when data could not be loaded: what went wrong, and a way to try again. */
export function ErrorState({ title = "This could not be loaded", message, onRetry }: { title?: string; message: string; onRetry?: () => void }) {
  return (
    <section role="alert" className="rounded-lg border border-red-300 bg-red-50 p-4">
      <h2 className="text-sm font-semibold text-red-900">{title}</h2>
      <p className="mt-1 text-sm text-red-900">{message}</p>
      {onRetry && (
        <Button variant="secondary" className="mt-3" onClick={onRetry}>
          Try again
        </Button>
      )}
    </section>
  );
}

type Tone = "info" | "warn" | "error" | "success";
const tones: Record<Tone, string> = {
  info: "border-blue-300 bg-blue-50 text-blue-900",
  warn: "border-amber-300 bg-amber-50 text-amber-900",
  error: "border-red-300 bg-red-50 text-red-900",
  success: "border-green-300 bg-green-50 text-green-900",
};

/** A boxed message; errors and warnings are announced as alerts. */
export function Notice({ tone = "info", title, children }: { tone?: Tone; title?: string; children: ReactNode }) {
  return (
    <div role={tone === "error" || tone === "warn" ? "alert" : "status"} className={`rounded-lg border p-3 text-sm ${tones[tone]}`}>
      {title && <p className="font-semibold">{title}</p>}
      <div className={title ? "mt-1" : undefined}>{children}</div>
    </div>
  );
}
