import { Badge, type Tone } from "@/components/ui/badge";
import type { RunStatus } from "@/lib/runs/run-types";

const tones: Record<RunStatus, Tone> = { queued: "neutral", running: "info", completed: "good", failed: "bad", cancelled: "warn" };

/** A run's status in words, in a coloured pill. */
export function RunStatusBadge({ status }: { status: RunStatus }) {
  return <Badge tone={tones[status]}>{status}</Badge>;
}
