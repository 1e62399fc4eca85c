"use client";

import { useId } from "react";

/** A small set of mutually exclusive choices shown as joined buttons: native radio inputs, so arrow keys and screen readers work. */
export function SegmentedControl<T extends string>({
  label,
  options,
  value,
  onChange,
}: {
  label: string;
  options: { value: T; label: string }[];
  value: T;
  onChange: (value: T) => void;
}) {
  const name = useId();
  return (
    <fieldset className="flex items-center gap-2">
      <legend className="sr-only">{label}</legend>
      <span aria-hidden className="text-xs text-slate-600">
        {label}
      </span>
      <div className="inline-flex overflow-hidden rounded-md border border-slate-300">
        {options.map((option) => (
          <label
            key={option.value}
            className={`cursor-pointer px-3 py-1.5 text-xs font-medium has-[:focus-visible]:outline has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-blue-700 ${
              option.value === value ? "bg-blue-700 text-white" : "bg-white text-slate-800 hover:bg-slate-100"
            }`}
          >
            <input
              type="radio"
              name={name}
              value={option.value}
              checked={option.value === value}
              onChange={() => onChange(option.value)}
              className="sr-only"
            />
            {option.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
