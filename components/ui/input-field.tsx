import type { InputHTMLAttributes } from "react";

// A labelled single-line input with an optional hint and an error, both tied
// to the input for screen readers (fields.tsx has the drop-down and text box).

const control = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900";

/** A labelled input; the hint shows until there is an error. `className` styles the wrapper, `inputClassName` the input. */
export function InputField({
  id,
  label,
  hint,
  error,
  className = "",
  inputClassName = "",
  ...input
}: InputHTMLAttributes<HTMLInputElement> & { id: string; label: string; hint?: string; error?: string; inputClassName?: string }) {
  const describedBy = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input id={id} aria-invalid={Boolean(error)} aria-describedby={describedBy} className={`${control} ${inputClassName}`} {...input} />
      {hint && !error && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="mt-1 text-xs text-red-800">
          {error}
        </p>
      )}
    </div>
  );
}
