-- CreateTable
CREATE TABLE "StoreBuild" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "status" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "startedById" TEXT,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    "progress" JSONB NOT NULL,
    "storeVersion" TEXT,
    "documents" INTEGER,
    "pages" INTEGER,
    "chunks" INTEGER,
    "embedding" TEXT,
    "sources" JSONB,
    "skipped" JSONB,
    "error" TEXT
);

-- CreateIndex
CREATE INDEX "StoreBuild_startedAt_idx" ON "StoreBuild"("startedAt");

-- CreateIndex
CREATE INDEX "StoreBuild_status_idx" ON "StoreBuild"("status");

