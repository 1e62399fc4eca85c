-- AlterTable
ALTER TABLE "User" ADD COLUMN "oidcSubject" TEXT;

-- AlterTable
ALTER TABLE "Passage" ADD COLUMN "pageEnd" INTEGER;
ALTER TABLE "Passage" ADD COLUMN "pageStart" INTEGER;

-- CreateTable
CREATE TABLE "AuditChainLink" (
    "position" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "recordId" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "previousHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "TransferApproval" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "service" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL,
    "assessment" TEXT NOT NULL,
    "decidedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "TransferApproval_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Exchange" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "source" TEXT NOT NULL,
    "userId" TEXT,
    "conversationId" TEXT,
    "turn" INTEGER NOT NULL DEFAULT 0,
    "evaluationRunId" TEXT,
    "runItem" TEXT,
    "scenarioId" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "retrieval" BOOLEAN NOT NULL,
    "options" JSONB NOT NULL,
    "question" TEXT NOT NULL,
    "questionRedacted" TEXT NOT NULL DEFAULT '',
    "finalAnswerRedacted" TEXT NOT NULL DEFAULT '',
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
    "transferApprovalId" TEXT,
    "error" TEXT,
    "errorStage" TEXT,
    CONSTRAINT "Exchange_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Exchange_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Exchange_evaluationRunId_fkey" FOREIGN KEY ("evaluationRunId") REFERENCES "EvaluationRun" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Exchange_scenarioId_fkey" FOREIGN KEY ("scenarioId") REFERENCES "Scenario" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Exchange_transferApprovalId_fkey" FOREIGN KEY ("transferApprovalId") REFERENCES "TransferApproval" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Exchange" ("action", "conversationId", "createdAt", "error", "errorStage", "evaluationRunId", "finalAnswer", "finalAnswerRedacted", "id", "latency", "model", "needsReview", "options", "prompt", "provider", "question", "questionRedacted", "rawAnswer", "retrieval", "ruleSetVersion", "runItem", "scenarioId", "settingsVersion", "source", "storeVersion", "totalMs", "turn", "userId") SELECT "action", "conversationId", "createdAt", "error", "errorStage", "evaluationRunId", "finalAnswer", "finalAnswerRedacted", "id", "latency", "model", "needsReview", "options", "prompt", "provider", "question", "questionRedacted", "rawAnswer", "retrieval", "ruleSetVersion", "runItem", "scenarioId", "settingsVersion", "source", "storeVersion", "totalMs", "turn", "userId" FROM "Exchange";
DROP TABLE "Exchange";
ALTER TABLE "new_Exchange" RENAME TO "Exchange";
CREATE INDEX "Exchange_createdAt_idx" ON "Exchange"("createdAt");
CREATE INDEX "Exchange_action_createdAt_idx" ON "Exchange"("action", "createdAt");
CREATE INDEX "Exchange_scenarioId_createdAt_idx" ON "Exchange"("scenarioId", "createdAt");
CREATE INDEX "Exchange_model_createdAt_idx" ON "Exchange"("model", "createdAt");
CREATE INDEX "Exchange_needsReview_createdAt_idx" ON "Exchange"("needsReview", "createdAt");
CREATE INDEX "Exchange_userId_createdAt_idx" ON "Exchange"("userId", "createdAt");
CREATE INDEX "Exchange_conversationId_turn_idx" ON "Exchange"("conversationId", "turn");
CREATE UNIQUE INDEX "Exchange_evaluationRunId_runItem_key" ON "Exchange"("evaluationRunId", "runItem");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "AuditChainLink_previousHash_key" ON "AuditChainLink"("previousHash");

-- CreateIndex
CREATE UNIQUE INDEX "AuditChainLink_hash_key" ON "AuditChainLink"("hash");

-- CreateIndex
CREATE UNIQUE INDEX "AuditChainLink_kind_recordId_key" ON "AuditChainLink"("kind", "recordId");

-- CreateIndex
CREATE INDEX "TransferApproval_service_createdAt_idx" ON "TransferApproval"("service", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "User_oidcSubject_key" ON "User"("oidcSubject");

-- The audit trail is append-only: chained records are never edited or deleted
-- (corrections are new records). Sealed text may still be re-sealed under a new
-- key or destroyed after the retention period; the chain hashes its digest.

CREATE TRIGGER "AuditChainLink_no_update" BEFORE UPDATE ON "AuditChainLink"
BEGIN
    SELECT RAISE(ABORT, 'AuditChainLink is append-only: record a new entry instead of editing one');
END;

CREATE TRIGGER "AuditChainLink_no_delete" BEFORE DELETE ON "AuditChainLink"
BEGIN
    SELECT RAISE(ABORT, 'AuditChainLink is append-only: records cannot be deleted');
END;

CREATE TRIGGER "ReviewLabel_no_update" BEFORE UPDATE ON "ReviewLabel"
BEGIN
    SELECT RAISE(ABORT, 'ReviewLabel is append-only: record a new entry instead of editing one');
END;

CREATE TRIGGER "ReviewLabel_no_delete" BEFORE DELETE ON "ReviewLabel"
BEGIN
    SELECT RAISE(ABORT, 'ReviewLabel is append-only: records cannot be deleted');
END;

CREATE TRIGGER "RevealEvent_no_update" BEFORE UPDATE ON "RevealEvent"
BEGIN
    SELECT RAISE(ABORT, 'RevealEvent is append-only: record a new entry instead of editing one');
END;

CREATE TRIGGER "RevealEvent_no_delete" BEFORE DELETE ON "RevealEvent"
BEGIN
    SELECT RAISE(ABORT, 'RevealEvent is append-only: records cannot be deleted');
END;

CREATE TRIGGER "Passage_no_update" BEFORE UPDATE ON "Passage"
BEGIN
    SELECT RAISE(ABORT, 'Passage is append-only: record a new entry instead of editing one');
END;

CREATE TRIGGER "Passage_no_delete" BEFORE DELETE ON "Passage"
BEGIN
    SELECT RAISE(ABORT, 'Passage is append-only: records cannot be deleted');
END;

CREATE TRIGGER "Exchange_no_update" BEFORE UPDATE OF "id", "createdAt", "source", "userId", "conversationId", "turn", "evaluationRunId", "runItem", "scenarioId", "provider", "model", "retrieval", "options", "questionRedacted", "finalAnswerRedacted", "action", "needsReview", "latency", "totalMs", "ruleSetVersion", "settingsVersion", "storeVersion", "transferApprovalId", "error", "errorStage" ON "Exchange"
BEGIN
    SELECT RAISE(ABORT, 'Exchange is append-only: only sealed text may be re-sealed or destroyed');
END;

CREATE TRIGGER "Exchange_no_delete" BEFORE DELETE ON "Exchange"
BEGIN
    SELECT RAISE(ABORT, 'Exchange is append-only: records cannot be deleted');
END;

CREATE TRIGGER "Finding_no_update" BEFORE UPDATE OF "id", "exchangeId", "ruleId", "ruleVersion", "severity", "message", "clauses", "createdAt" ON "Finding"
BEGIN
    SELECT RAISE(ABORT, 'Finding is append-only: only sealed evidence may be re-sealed or destroyed');
END;

CREATE TRIGGER "Finding_no_delete" BEFORE DELETE ON "Finding"
BEGIN
    SELECT RAISE(ABORT, 'Finding is append-only: records cannot be deleted');
END;

CREATE TRIGGER "JudgeScore_no_update" BEFORE UPDATE OF "id", "exchangeId", "judgeId", "judgeModel", "status", "helpfulness", "compliance", "verdict", "error", "attempts", "latencyMs", "createdAt" ON "JudgeScore"
BEGIN
    SELECT RAISE(ABORT, 'JudgeScore is append-only: only sealed reasoning may be re-sealed or destroyed');
END;

CREATE TRIGGER "JudgeScore_no_delete" BEFORE DELETE ON "JudgeScore"
BEGIN
    SELECT RAISE(ABORT, 'JudgeScore is append-only: records cannot be deleted');
END;
