import { Badge, type Tone } from "@/components/ui/badge";

const tones: Record<string, Tone> = { allow: "good", warn: "warn", block: "bad", info: "info" };

/** A decision (allow, warn, block) or severity as a badge; the word carries the meaning, the colour repeats it. */
export function ActionBadge({ action }: { action: string }) {
  return <Badge tone={tones[action] ?? "neutral"}>{action}</Badge>;
}
