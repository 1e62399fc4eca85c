import type { ConversationTurn } from "@/lib/schemas/conversations";
import { actionLabels } from "./format";

// Colours pass WCAG AA for their text; the icon and the word carry the meaning too.
const styles: Record<ConversationTurn["action"], string> = {
  allow: "bg-green-100 text-green-900 ring-green-700/40",
  warn: "bg-amber-100 text-amber-900 ring-amber-700/40",
  block: "bg-red-100 text-red-900 ring-red-700/40",
};

const icons: Record<ConversationTurn["action"], string> = {
  allow: "M3.5 8.5l3 3 6-7",
  warn: "M8 3v6M8 12v.5",
  block: "M4 4l8 8M12 4l-8 8",
};

/** CAM's decision on an answer: allowed, warned or blocked, in colour, icon and words. */
export function ActionBadge({ action }: { action: ConversationTurn["action"] }) {
  return (
    <span className={`inline-flex items-center gap-1.5 rounded-full px-2.5 py-1 text-sm font-semibold ring-1 ring-inset ${styles[action]}`}>
      <svg aria-hidden viewBox="0 0 16 16" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
        <path d={icons[action]} />
      </svg>
      {actionLabels[action]}
    </span>
  );
}
