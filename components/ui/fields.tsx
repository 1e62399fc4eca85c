import type { ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";

const control = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900";

/** A label, a control, an optional hint and an error tied to the control for screen readers. */
function Field({ id, label, hint, error, children }: { id: string; label: string; hint?: string; error?: string; children: ReactNode }) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children}
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

const describedBy = (id: string, hint?: string, error?: string) => (error ? `${id}-error` : hint ? `${id}-hint` : undefined);

/** A labelled drop-down. */
export function SelectField({
  id,
  label,
  hint,
  error,
  children,
  ...select
}: SelectHTMLAttributes<HTMLSelectElement> & { id: string; label: string; hint?: string; error?: string }) {
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      <select id={id} aria-invalid={Boolean(error)} aria-describedby={describedBy(id, hint, error)} className={control} {...select}>
        {children}
      </select>
    </Field>
  );
}

/** A labelled multi-line text box. */
export function TextAreaField({
  id,
  label,
  hint,
  error,
  ...area
}: TextareaHTMLAttributes<HTMLTextAreaElement> & { id: string; label: string; hint?: string; error?: string }) {
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      <textarea id={id} aria-invalid={Boolean(error)} aria-describedby={describedBy(id, hint, error)} className={control} {...area} />
    </Field>
  );
}
