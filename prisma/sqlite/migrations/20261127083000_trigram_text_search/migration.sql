-- Audit text search on SQLite: a trigram full-text index (FTS5) over the
-- redacted question and final answer, so a search for text that few or no
-- exchanges contain need not read every row. Prisma cannot describe virtual
-- tables, so this migration is written by hand and the schema-drift test leaves
-- these tables out. The texts are not stored twice: the index is contentless and
-- keeps only the exchange's id beside it, and no positions (detail = none), which
-- makes it about a tenth of the size and quicker to write. So it answers "which
-- exchanges hold all these trigrams?"; search then applies its LIKE to those.
CREATE VIRTUAL TABLE "ExchangeText" USING fts5(
    "exchangeId" UNINDEXED,
    "questionRedacted",
    "finalAnswerRedacted",
    content = '',
    contentless_delete = 1,
    contentless_unindexed = 1,
    detail = none,
    tokenize = 'trigram case_sensitive 0'
);

INSERT INTO "ExchangeText" ("exchangeId", "questionRedacted", "finalAnswerRedacted")
SELECT "id", "questionRedacted", "finalAnswerRedacted" FROM "Exchange";

CREATE TRIGGER "ExchangeText_insert" AFTER INSERT ON "Exchange"
BEGIN
    INSERT INTO "ExchangeText" ("exchangeId", "questionRedacted", "finalAnswerRedacted")
    VALUES (NEW."id", NEW."questionRedacted", NEW."finalAnswerRedacted");
END;

CREATE TRIGGER "ExchangeText_update" AFTER UPDATE OF "questionRedacted", "finalAnswerRedacted" ON "Exchange"
BEGIN
    DELETE FROM "ExchangeText" WHERE "exchangeId" = OLD."id";
    INSERT INTO "ExchangeText" ("exchangeId", "questionRedacted", "finalAnswerRedacted")
    VALUES (NEW."id", NEW."questionRedacted", NEW."finalAnswerRedacted");
END;

CREATE TRIGGER "ExchangeText_delete" AFTER DELETE ON "Exchange"
BEGIN
    DELETE FROM "ExchangeText" WHERE "exchangeId" = OLD."id";
END;
