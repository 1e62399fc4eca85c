-- AlterTable
ALTER TABLE "Exchange" ADD COLUMN     "finalAnswerRedacted" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "questionRedacted" TEXT NOT NULL DEFAULT '';

