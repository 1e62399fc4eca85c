// JSON from outside (request bodies, model replies) can escape a lone UTF-16
// surrogate ("\ud83d"). JavaScript keeps it in the string, but it is not text:
// the databases store UTF-8 and Prisma's query engine refuses it, so a record
// holding one could not be written. Strings parsed here have each such
// surrogate replaced with U+FFFD, as a UTF-8 encoder would store it.

/** JSON.parse, with every string value well-formed Unicode. */
export function parseWellFormedJson(text: string): unknown {
  return JSON.parse(text, (_key, value: unknown) => (typeof value === "string" ? value.toWellFormed() : value));
}
