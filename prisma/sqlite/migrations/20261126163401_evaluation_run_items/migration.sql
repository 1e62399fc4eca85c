-- DropIndex
DROP INDEX "Exchange_evaluationRunId_idx";

-- AlterTable
ALTER TABLE "Exchange" ADD COLUMN "runItem" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Exchange_evaluationRunId_runItem_key" ON "Exchange"("evaluationRunId", "runItem");

