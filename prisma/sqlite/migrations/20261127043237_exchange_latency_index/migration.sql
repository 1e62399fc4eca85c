-- CreateIndex
CREATE INDEX "Exchange_totalMs_createdAt_idx" ON "Exchange"("totalMs", "createdAt");

