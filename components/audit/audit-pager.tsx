"use client";

import { Button } from "@/components/ui/button";

/** Keyset paging: first, previous and next page; a button is left out where there is no such page. */
export function AuditPager({
  count,
  onFirst,
  onPrevious,
  onNext,
}: {
  count: number;
  onFirst?: () => void;
  onPrevious?: () => void;
  onNext?: () => void;
}) {
  if (!onFirst && !onPrevious && !onNext) return null;
  return (
    <nav aria-label="Result pages" className="flex flex-wrap items-center justify-between gap-3">
      <p className="text-sm text-slate-700">
        Showing {count} exchange{count === 1 ? "" : "s"}.
      </p>
      <div className="flex flex-wrap gap-2">
        {onFirst && (
          <Button variant="ghost" onClick={onFirst}>
            First page
          </Button>
        )}
        <Button variant="secondary" onClick={onPrevious} disabled={!onPrevious}>
          Previous page
        </Button>
        <Button variant="secondary" onClick={onNext} disabled={!onNext}>
          Next page
        </Button>
      </div>
    </nav>
  );
}
