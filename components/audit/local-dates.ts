// The date filter works in the reader's own time zone: a date picked in the
// form becomes the instant its local day starts (or, for the end of a range,
// the instant the next local day starts), and the URL keeps those instants so
// a shared link selects the same exchanges for everyone. Client-safe.

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

function localMidnight(date: string, addDays = 0): Date {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  return new Date(year, month - 1, day + addDays);
}

/** The instant a local calendar day ("2026-11-20") starts. */
export function startOfLocalDay(date: string): string {
  return localMidnight(date).toISOString();
}

/** The instant after a local calendar day ends, for an inclusive "to" date. */
export function endOfLocalDay(date: string): string {
  return localMidnight(date, 1).toISOString();
}

const asInputValue = (date: Date) =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}-${String(date.getDate()).padStart(2, "0")}`;

/** The local date a date input shows for a "from" value in the URL (an instant, or a date as typed into the API). */
export function fromInputValue(value: string | undefined): string {
  if (!value || DATE_ONLY.test(value)) return value ?? "";
  const time = Date.parse(value);
  return Number.isNaN(time) ? "" : asInputValue(new Date(time));
}

/** The local date a date input shows for a "to" value: the last day the exclusive end instant still includes. */
export function toInputValue(value: string | undefined): string {
  if (!value || DATE_ONLY.test(value)) return value ?? "";
  const time = Date.parse(value);
  return Number.isNaN(time) ? "" : asInputValue(new Date(time - 1));
}
