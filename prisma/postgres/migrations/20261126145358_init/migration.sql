-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('clinician', 'reviewer', 'admin');

-- CreateEnum
CREATE TYPE "Action" AS ENUM ('allow', 'warn', 'block');

-- CreateEnum
CREATE TYPE "Severity" AS ENUM ('block', 'warn', 'info');

-- CreateEnum
CREATE TYPE "ExchangeSource" AS ENUM ('console', 'api', 'pipeline');

-- CreateEnum
CREATE TYPE "ConfigStatus" AS ENUM ('draft', 'active', 'superseded', 'rejected');

-- CreateEnum
CREATE TYPE "JudgeScoreStatus" AS ENUM ('scored', 'unscored');

-- CreateEnum
CREATE TYPE "JobStatus" AS ENUM ('pending', 'running', 'done', 'failed');

-- CreateEnum
CREATE TYPE "RunStatus" AS ENUM ('queued', 'running', 'completed', 'failed', 'cancelled');

-- CreateEnum
CREATE TYPE "ReviewVerdict" AS ENUM ('correct', 'too_strict', 'too_lenient');

-- CreateEnum
CREATE TYPE "Escalation" AS ENUM ('critical', 'high', 'moderate');

-- CreateEnum
CREATE TYPE "ModelProvider" AS ENUM ('ollama', 'openai', 'gemini');

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "passwordHash" TEXT,
    "disabledAt" TIMESTAMP(3),
    "lastSignInAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Scenario" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "provider" "ModelProvider" NOT NULL,
    "model" TEXT NOT NULL,
    "retrieval" BOOLEAN NOT NULL,
    "options" JSONB NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Scenario_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Conversation" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Conversation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Exchange" (
    "id" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "source" "ExchangeSource" NOT NULL,
    "userId" TEXT,
    "conversationId" TEXT,
    "turn" INTEGER NOT NULL DEFAULT 0,
    "evaluationRunId" TEXT,
    "scenarioId" TEXT NOT NULL,
    "provider" "ModelProvider" NOT NULL,
    "model" TEXT NOT NULL,
    "retrieval" BOOLEAN NOT NULL,
    "options" JSONB NOT NULL,
    "question" TEXT NOT NULL,
    "prompt" TEXT,
    "rawAnswer" TEXT,
    "finalAnswer" TEXT NOT NULL,
    "action" "Action" NOT NULL,
    "needsReview" BOOLEAN NOT NULL DEFAULT false,
    "latency" JSONB NOT NULL,
    "totalMs" INTEGER NOT NULL,
    "ruleSetVersion" INTEGER NOT NULL,
    "settingsVersion" INTEGER NOT NULL,
    "storeVersion" TEXT,
    "error" TEXT,
    "errorStage" TEXT,

    CONSTRAINT "Exchange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Passage" (
    "id" TEXT NOT NULL,
    "exchangeId" TEXT NOT NULL,
    "rank" INTEGER NOT NULL,
    "chunkId" TEXT NOT NULL,
    "sourceTitle" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "text" TEXT NOT NULL,

    CONSTRAINT "Passage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Finding" (
    "id" TEXT NOT NULL,
    "exchangeId" TEXT NOT NULL,
    "ruleId" TEXT NOT NULL,
    "ruleVersion" INTEGER NOT NULL,
    "severity" "Severity" NOT NULL,
    "message" TEXT NOT NULL,
    "clauses" JSONB NOT NULL,
    "evidence" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Finding_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RuleSetVersion" (
    "version" SERIAL NOT NULL,
    "rules" JSONB NOT NULL,
    "status" "ConfigStatus" NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reviewedById" TEXT,
    "reviewedAt" TIMESTAMP(3),
    "activatedAt" TIMESTAMP(3),

    CONSTRAINT "RuleSetVersion_pkey" PRIMARY KEY ("version")
);

-- CreateTable
CREATE TABLE "SettingsVersion" (
    "version" SERIAL NOT NULL,
    "values" JSONB NOT NULL,
    "status" "ConfigStatus" NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reviewedById" TEXT,
    "reviewedAt" TIMESTAMP(3),
    "activatedAt" TIMESTAMP(3),

    CONSTRAINT "SettingsVersion_pkey" PRIMARY KEY ("version")
);

-- CreateTable
CREATE TABLE "JudgeScore" (
    "id" TEXT NOT NULL,
    "exchangeId" TEXT NOT NULL,
    "judgeId" TEXT NOT NULL,
    "judgeModel" TEXT NOT NULL,
    "status" "JudgeScoreStatus" NOT NULL,
    "helpfulness" DOUBLE PRECISION,
    "compliance" DOUBLE PRECISION,
    "verdict" "Action",
    "reasoning" TEXT,
    "error" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "latencyMs" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "JudgeScore_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JudgeJob" (
    "id" TEXT NOT NULL,
    "exchangeId" TEXT NOT NULL,
    "judgeId" TEXT NOT NULL,
    "status" "JobStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "runAfter" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedBy" TEXT,
    "lockedAt" TIMESTAMP(3),
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "JudgeJob_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EvaluationRun" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "status" "RunStatus" NOT NULL DEFAULT 'queued',
    "questions" JSONB NOT NULL,
    "scenarioIds" JSONB NOT NULL,
    "judgeIds" JSONB NOT NULL,
    "options" JSONB NOT NULL,
    "totalItems" INTEGER NOT NULL DEFAULT 0,
    "completedItems" INTEGER NOT NULL DEFAULT 0,
    "failedItems" INTEGER NOT NULL DEFAULT 0,
    "metrics" JSONB,
    "reportHtmlPath" TEXT,
    "reportJsonPath" TEXT,
    "error" TEXT,
    "ruleSetVersion" INTEGER,
    "settingsVersion" INTEGER,
    "storeVersion" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "EvaluationRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewLabel" (
    "id" TEXT NOT NULL,
    "exchangeId" TEXT NOT NULL,
    "reviewerId" TEXT NOT NULL,
    "verdict" "ReviewVerdict" NOT NULL,
    "escalation" "Escalation",
    "notes" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReviewLabel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RevealEvent" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "exchangeId" TEXT,
    "field" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RevealEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AdminChange" (
    "id" TEXT NOT NULL,
    "actorId" TEXT,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT,
    "summary" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AdminChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "Session_tokenHash_key" ON "Session"("tokenHash");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE INDEX "Session_expiresAt_idx" ON "Session"("expiresAt");

-- CreateIndex
CREATE INDEX "Conversation_userId_updatedAt_idx" ON "Conversation"("userId", "updatedAt");

-- CreateIndex
CREATE INDEX "Exchange_createdAt_idx" ON "Exchange"("createdAt");

-- CreateIndex
CREATE INDEX "Exchange_action_createdAt_idx" ON "Exchange"("action", "createdAt");

-- CreateIndex
CREATE INDEX "Exchange_scenarioId_createdAt_idx" ON "Exchange"("scenarioId", "createdAt");

-- CreateIndex
CREATE INDEX "Exchange_model_createdAt_idx" ON "Exchange"("model", "createdAt");

-- CreateIndex
CREATE INDEX "Exchange_needsReview_createdAt_idx" ON "Exchange"("needsReview", "createdAt");

-- CreateIndex
CREATE INDEX "Exchange_userId_createdAt_idx" ON "Exchange"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "Exchange_conversationId_turn_idx" ON "Exchange"("conversationId", "turn");

-- CreateIndex
CREATE INDEX "Exchange_evaluationRunId_idx" ON "Exchange"("evaluationRunId");

-- CreateIndex
CREATE INDEX "Passage_chunkId_idx" ON "Passage"("chunkId");

-- CreateIndex
CREATE UNIQUE INDEX "Passage_exchangeId_rank_key" ON "Passage"("exchangeId", "rank");

-- CreateIndex
CREATE INDEX "Finding_exchangeId_idx" ON "Finding"("exchangeId");

-- CreateIndex
CREATE INDEX "Finding_ruleId_createdAt_idx" ON "Finding"("ruleId", "createdAt");

-- CreateIndex
CREATE INDEX "RuleSetVersion_status_idx" ON "RuleSetVersion"("status");

-- CreateIndex
CREATE INDEX "SettingsVersion_status_idx" ON "SettingsVersion"("status");

-- CreateIndex
CREATE INDEX "JudgeScore_exchangeId_idx" ON "JudgeScore"("exchangeId");

-- CreateIndex
CREATE INDEX "JudgeScore_judgeId_createdAt_idx" ON "JudgeScore"("judgeId", "createdAt");

-- CreateIndex
CREATE INDEX "JudgeScore_verdict_createdAt_idx" ON "JudgeScore"("verdict", "createdAt");

-- CreateIndex
CREATE INDEX "JudgeJob_status_runAfter_idx" ON "JudgeJob"("status", "runAfter");

-- CreateIndex
CREATE UNIQUE INDEX "JudgeJob_exchangeId_judgeId_key" ON "JudgeJob"("exchangeId", "judgeId");

-- CreateIndex
CREATE INDEX "EvaluationRun_createdAt_idx" ON "EvaluationRun"("createdAt");

-- CreateIndex
CREATE INDEX "EvaluationRun_status_idx" ON "EvaluationRun"("status");

-- CreateIndex
CREATE INDEX "ReviewLabel_exchangeId_createdAt_idx" ON "ReviewLabel"("exchangeId", "createdAt");

-- CreateIndex
CREATE INDEX "ReviewLabel_reviewerId_createdAt_idx" ON "ReviewLabel"("reviewerId", "createdAt");

-- CreateIndex
CREATE INDEX "RevealEvent_exchangeId_idx" ON "RevealEvent"("exchangeId");

-- CreateIndex
CREATE INDEX "RevealEvent_userId_createdAt_idx" ON "RevealEvent"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "RevealEvent_createdAt_idx" ON "RevealEvent"("createdAt");

-- CreateIndex
CREATE INDEX "AdminChange_createdAt_idx" ON "AdminChange"("createdAt");

-- CreateIndex
CREATE INDEX "AdminChange_entityType_entityId_idx" ON "AdminChange"("entityType", "entityId");

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Conversation" ADD CONSTRAINT "Conversation_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Exchange" ADD CONSTRAINT "Exchange_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Exchange" ADD CONSTRAINT "Exchange_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Exchange" ADD CONSTRAINT "Exchange_evaluationRunId_fkey" FOREIGN KEY ("evaluationRunId") REFERENCES "EvaluationRun"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Exchange" ADD CONSTRAINT "Exchange_scenarioId_fkey" FOREIGN KEY ("scenarioId") REFERENCES "Scenario"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Passage" ADD CONSTRAINT "Passage_exchangeId_fkey" FOREIGN KEY ("exchangeId") REFERENCES "Exchange"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Finding" ADD CONSTRAINT "Finding_exchangeId_fkey" FOREIGN KEY ("exchangeId") REFERENCES "Exchange"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JudgeScore" ADD CONSTRAINT "JudgeScore_exchangeId_fkey" FOREIGN KEY ("exchangeId") REFERENCES "Exchange"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JudgeJob" ADD CONSTRAINT "JudgeJob_exchangeId_fkey" FOREIGN KEY ("exchangeId") REFERENCES "Exchange"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvaluationRun" ADD CONSTRAINT "EvaluationRun_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewLabel" ADD CONSTRAINT "ReviewLabel_exchangeId_fkey" FOREIGN KEY ("exchangeId") REFERENCES "Exchange"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewLabel" ADD CONSTRAINT "ReviewLabel_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RevealEvent" ADD CONSTRAINT "RevealEvent_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RevealEvent" ADD CONSTRAINT "RevealEvent_exchangeId_fkey" FOREIGN KEY ("exchangeId") REFERENCES "Exchange"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AdminChange" ADD CONSTRAINT "AdminChange_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- AdminChange is an append-only log: refuse edits and deletions.
CREATE FUNCTION "AdminChange_refuse_change"() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'AdminChange is append-only: record a new change instead of editing or deleting one';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "AdminChange_no_update_or_delete" BEFORE UPDATE OR DELETE ON "AdminChange"
    FOR EACH ROW EXECUTE FUNCTION "AdminChange_refuse_change"();
