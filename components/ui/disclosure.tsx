"use client";

import { type ReactNode, useId, useState } from "react";

/** A button that shows and hides the content below it; its state is announced as expanded or collapsed. */
export function Disclosure({
  label,
  children,
  defaultOpen = false,
  className = "",
}: {
  label: ReactNode;
  children: ReactNode;
  defaultOpen?: boolean;
  className?: string;
}) {
  const [open, setOpen] = useState(defaultOpen);
  const id = useId();
  return (
    <div className={className}>
      <button
        type="button"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen(!open)}
        className="inline-flex items-center gap-1 rounded text-sm font-medium text-blue-800 hover:underline"
      >
        <svg aria-hidden viewBox="0 0 16 16" className={`h-3 w-3 transition-transform motion-reduce:transition-none ${open ? "rotate-90" : ""}`}>
          <path d="M5 3l6 5-6 5z" fill="currentColor" />
        </svg>
        {label}
      </button>
      <div id={id} hidden={!open} className="mt-2">
        {children}
      </div>
    </div>
  );
}
