"use client";

import { type FormEvent, type KeyboardEvent, type RefObject, useId } from "react";
import { Button } from "@/components/ui/button";

/** The question box: a labelled text area with its length against the limit; Enter or Ctrl+Enter sends, Shift+Enter starts a new line. */
export function QuestionComposer({
  value,
  onChange,
  onSend,
  maxChars,
  waiting,
  inputRef,
}: {
  value: string;
  onChange: (value: string) => void;
  onSend: () => void;
  maxChars: number;
  waiting: boolean;
  inputRef: RefObject<HTMLTextAreaElement | null>;
}) {
  const id = useId();
  const length = value.trim().length;
  const over = length - maxChars;
  const canSend = !waiting && length > 0;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (canSend) onSend();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // Enter while an input method is composing a character belongs to the input method.
    if (event.key !== "Enter" || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    if (canSend) onSend();
  };

  return (
    <form onSubmit={submit} aria-label="Ask a question" className="rounded-lg border border-slate-300 bg-white p-3 shadow-md">
      <label htmlFor={`${id}-question`} className="block text-sm font-medium text-slate-900">
        Your question
      </label>
      <textarea
        id={`${id}-question`}
        ref={inputRef}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={onKeyDown}
        disabled={waiting}
        rows={3}
        aria-describedby={`${id}-count ${id}-keys${over > 0 ? ` ${id}-over` : ""}`}
        aria-invalid={over > 0}
        placeholder="Ask about privacy, consent, records or professional conduct"
        className="mt-1 block max-h-64 min-h-20 w-full resize-y rounded-md border border-slate-300 bg-white px-3 py-2 text-[0.95rem] text-slate-900 placeholder:text-slate-500 disabled:bg-slate-100 disabled:text-slate-700"
      />
      <div className="mt-2 flex flex-wrap items-center justify-between gap-2">
        <div className="text-xs text-slate-700">
          <p id={`${id}-keys`}>Enter or Ctrl+Enter to send · Shift+Enter for a new line</p>
          <p id={`${id}-count`} className={over > 0 ? "font-semibold text-red-800" : undefined}>
            {length.toLocaleString("en-AU")} of {maxChars.toLocaleString("en-AU")} characters
          </p>
          {over > 0 && (
            <p id={`${id}-over`} className="font-semibold text-red-800">
              {over.toLocaleString("en-AU")} over the limit: shorten the question or split it into several.
            </p>
          )}
        </div>
        <Button type="submit" disabled={!canSend}>
          {waiting ? "Waiting for the answer…" : "Send"}
        </Button>
      </div>
    </form>
  );
}
