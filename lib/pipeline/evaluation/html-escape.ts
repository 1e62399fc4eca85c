// Escaping for the HTML report. Every piece of text in the report (answers,
// questions, model and judge output, ids) may come from a model or a user, so
// the `html` template escapes every interpolated value unless it is already
// SafeHtml built by `html` itself. Pure.

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text made safe for HTML element content and quoted attribute values (also inside inline SVG). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ENTITIES[character] as string);
}

/** Markup that is already safe: produced by `html`, never from raw outside text. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** A value `html` can interpolate: text and numbers are escaped, SafeHtml is kept, arrays are joined, null/undefined/false render nothing. */
export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

function renderValue(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(renderValue).join("");
  if (value === null || value === undefined || value === false) return "";
  return escapeHtml(String(value));
}

/** Tagged template for markup: `html\`<td>${text}</td>\`` escapes `text`. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  return new SafeHtml(strings.reduce((out, literal, index) => out + literal + (index < values.length ? renderValue(values[index] as HtmlValue) : ""), ""));
}

/** Trusted constant markup (CSS, fixed fragments written in this module's code), never outside text. */
export function trustedHtml(markup: string): SafeHtml {
  return new SafeHtml(markup);
}
