-- Trigram matching for audit text search. pg_trgm ships with PostgreSQL and is a
-- trusted extension: a role that may create objects in the database can add it.
-- (Prisma diffs the models with the extension already declared, so it does not
-- write this line itself.)
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- CreateIndex
CREATE INDEX "Exchange_questionRedacted_trgm_idx" ON "Exchange" USING GIN ("questionRedacted" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Exchange_finalAnswerRedacted_trgm_idx" ON "Exchange" USING GIN ("finalAnswerRedacted" gin_trgm_ops);

