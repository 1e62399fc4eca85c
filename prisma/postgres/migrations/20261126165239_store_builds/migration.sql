-- CreateEnum
CREATE TYPE "StoreBuildStatus" AS ENUM ('building', 'completed', 'failed');

-- CreateTable
CREATE TABLE "StoreBuild" (
    "id" TEXT NOT NULL,
    "status" "StoreBuildStatus" NOT NULL,
    "trigger" TEXT NOT NULL,
    "startedById" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "progress" JSONB NOT NULL,
    "storeVersion" TEXT,
    "documents" INTEGER,
    "pages" INTEGER,
    "chunks" INTEGER,
    "embedding" TEXT,
    "sources" JSONB,
    "skipped" JSONB,
    "error" TEXT,

    CONSTRAINT "StoreBuild_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "StoreBuild_startedAt_idx" ON "StoreBuild"("startedAt");

-- CreateIndex
CREATE INDEX "StoreBuild_status_idx" ON "StoreBuild"("status");

