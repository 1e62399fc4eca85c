// Short excerpts of long texts for result lists: the start of the text, or the
// neighbourhood of a search match so the reader sees why a row matched. Pure
// and client-safe.

const ELLIPSIS = "…";

/** The text cut to at most `max` characters at a word boundary, with an ellipsis when cut. */
export function truncateText(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}${ELLIPSIS}`;
}

/** About `max` characters around the first case-insensitive occurrence of `term`, or the start when it does not occur. */
export function excerptAround(text: string, term: string | undefined, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  const at = term ? flat.toLowerCase().indexOf(term.toLowerCase()) : -1;
  if (at < 0 || flat.length <= max) return truncateText(flat, max);
  const start = Math.max(0, Math.min(at - Math.floor((max - (term ?? "").length) / 2), flat.length - max));
  const end = Math.min(flat.length, start + max);
  return `${start > 0 ? ELLIPSIS : ""}${flat.slice(start, end).trim()}${end < flat.length ? ELLIPSIS : ""}`;
}
