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
    "error" TEXT,
    "errorStage" TEXT,
    CONSTRAINT "Exchange_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Exchange_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Exchange_evaluationRunId_fkey" FOREIGN KEY ("evaluationRunId") REFERENCES "EvaluationRun" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Exchange_scenarioId_fkey" FOREIGN KEY ("scenarioId") REFERENCES "Scenario" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Exchange" ("action", "conversationId", "createdAt", "error", "errorStage", "evaluationRunId", "finalAnswer", "id", "latency", "model", "needsReview", "options", "prompt", "provider", "question", "rawAnswer", "retrieval", "ruleSetVersion", "runItem", "scenarioId", "settingsVersion", "source", "storeVersion", "totalMs", "turn", "userId") SELECT "action", "conversationId", "createdAt", "error", "errorStage", "evaluationRunId", "finalAnswer", "id", "latency", "model", "needsReview", "options", "prompt", "provider", "question", "rawAnswer", "retrieval", "ruleSetVersion", "runItem", "scenarioId", "settingsVersion", "source", "storeVersion", "totalMs", "turn", "userId" FROM "Exchange";
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

