"use client";

// An on/off switch: a button with role="switch", so assistive technology reads
// its state; the word next to it says the state too, colour is not the only signal.

/** A labelled on/off switch; `label` names what it turns on, e.g. "medication-directive". */
export function Switch({
  checked,
  onChange,
  label,
  disabled,
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
  label: string;
  disabled?: boolean;
}) {
  return (
    <button
      type="button"
      role="switch"
      aria-checked={checked}
      aria-label={label}
      disabled={disabled}
      onClick={() => onChange(!checked)}
      className="inline-flex items-center gap-2 rounded-full text-sm font-medium text-slate-800 disabled:cursor-not-allowed disabled:opacity-60"
    >
      <span
        aria-hidden="true"
        className={`relative inline-block h-5 w-9 rounded-full border transition-colors ${checked ? "border-green-800 bg-green-700" : "border-slate-500 bg-slate-200"}`}
      >
        <span
          className={`absolute top-0.5 h-3.5 w-3.5 rounded-full bg-white shadow transition-[left] ${checked ? "left-[1.125rem]" : "left-0.5"}`}
        />
      </span>
      <span aria-hidden="true" className="w-6 text-left">
        {checked ? "On" : "Off"}
      </span>
    </button>
  );
}
