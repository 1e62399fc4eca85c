import { LoadingState } from "@/components/ui/status";

/** Shown while the audit list loads. */
export default function Loading() {
  return <LoadingState label="Loading the audit trail…" />;
}
