import type { InputHTMLAttributes } from "react";

/** A labelled input with its error message tied to it for screen readers. */
export function TextField({
  id,
  label,
  error,
  ...input
}: InputHTMLAttributes<HTMLInputElement> & { id: string; label: string; error?: string }) {
  const errorId = `${id}-error`;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input
        id={id}
        aria-invalid={Boolean(error)}
        aria-describedby={error ? errorId : undefined}
        className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
        {...input}
      />
      {error && (
        <p id={errorId} className="mt-1 text-xs text-red-800">
          {label} {error}
        </p>
      )}
    </div>
  );
}
