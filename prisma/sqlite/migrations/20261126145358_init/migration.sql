-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "passwordHash" TEXT,
    "disabledAt" DATETIME,
    "lastSignInAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tokenHash" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Scenario" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "provider" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "retrieval" BOOLEAN NOT NULL,
    "options" JSONB NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Conversation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Conversation_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Exchange" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "source" TEXT NOT NULL,
    "userId" TEXT,
    "conversationId" TEXT,
    "turn" INTEGER NOT NULL DEFAULT 0,
    "evaluationRunId" TEXT,
    "scenarioId" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "retrieval" BOOLEAN NOT NULL,
    "options" JSONB NOT NULL,
    "question" TEXT NOT NULL,
    "prompt" TEXT,
    "rawAnswer" TEXT,
    "finalAnswer" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "needsReview" BOOLEAN NOT NULL DEFAULT false,
    "latency" JSONB NOT NULL,
    "totalMs" INTEGER NOT NULL,
    "ruleSetVersion" INTEGER NOT NULL,
    "settingsVersion" INTEGER NOT NULL,
    "storeVersion" TEXT,
    "error" TEXT,
    "errorStage" TEXT,
    CONSTRAINT "Exchange_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Exchange_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Exchange_evaluationRunId_fkey" FOREIGN KEY ("evaluationRunId") REFERENCES "EvaluationRun" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Exchange_scenarioId_fkey" FOREIGN KEY ("scenarioId") REFERENCES "Scenario" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Passage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "exchangeId" TEXT NOT NULL,
    "rank" INTEGER NOT NULL,
    "chunkId" TEXT NOT NULL,
    "sourceTitle" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "score" REAL NOT NULL,
    "text" TEXT NOT NULL,
    CONSTRAINT "Passage_exchangeId_fkey" FOREIGN KEY ("exchangeId") REFERENCES "Exchange" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Finding" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "exchangeId" TEXT NOT NULL,
    "ruleId" TEXT NOT NULL,
    "ruleVersion" INTEGER NOT NULL,
    "severity" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "clauses" JSONB NOT NULL,
    "evidence" TEXT,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "Finding_exchangeId_fkey" FOREIGN KEY ("exchangeId") REFERENCES "Exchange" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RuleSetVersion" (
    "version" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "rules" JSONB NOT NULL,
    "status" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reviewedById" TEXT,
    "reviewedAt" DATETIME,
    "activatedAt" DATETIME
);

-- CreateTable
CREATE TABLE "SettingsVersion" (
    "version" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "values" JSONB NOT NULL,
    "status" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reviewedById" TEXT,
    "reviewedAt" DATETIME,
    "activatedAt" DATETIME
);

-- CreateTable
CREATE TABLE "JudgeScore" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "exchangeId" TEXT NOT NULL,
    "judgeId" TEXT NOT NULL,
    "judgeModel" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "helpfulness" REAL,
    "compliance" REAL,
    "verdict" TEXT,
    "reasoning" TEXT,
    "error" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "latencyMs" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "JudgeScore_exchangeId_fkey" FOREIGN KEY ("exchangeId") REFERENCES "Exchange" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "JudgeJob" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "exchangeId" TEXT NOT NULL,
    "judgeId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "runAfter" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedBy" TEXT,
    "lockedAt" DATETIME,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "JudgeJob_exchangeId_fkey" FOREIGN KEY ("exchangeId") REFERENCES "Exchange" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "EvaluationRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'queued',
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    CONSTRAINT "EvaluationRun_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReviewLabel" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "exchangeId" TEXT NOT NULL,
    "reviewerId" TEXT NOT NULL,
    "verdict" TEXT NOT NULL,
    "escalation" TEXT,
    "notes" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ReviewLabel_exchangeId_fkey" FOREIGN KEY ("exchangeId") REFERENCES "Exchange" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ReviewLabel_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RevealEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "exchangeId" TEXT,
    "field" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RevealEvent_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "RevealEvent_exchangeId_fkey" FOREIGN KEY ("exchangeId") REFERENCES "Exchange" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AdminChange" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "actorId" TEXT,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT,
    "summary" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AdminChange_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
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


-- AdminChange is an append-only log: refuse edits and deletions.
CREATE TRIGGER "AdminChange_no_update" BEFORE UPDATE ON "AdminChange"
BEGIN
    SELECT RAISE(ABORT, 'AdminChange is append-only: record a new change instead of editing one');
END;

CREATE TRIGGER "AdminChange_no_delete" BEFORE DELETE ON "AdminChange"
BEGIN
    SELECT RAISE(ABORT, 'AdminChange is append-only: records cannot be deleted');
END;
