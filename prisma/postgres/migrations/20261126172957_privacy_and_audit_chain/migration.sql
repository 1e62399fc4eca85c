-- AlterTable
ALTER TABLE "User" ADD COLUMN     "oidcSubject" TEXT;

-- AlterTable
ALTER TABLE "Exchange" ADD COLUMN     "transferApprovalId" TEXT;

-- AlterTable
ALTER TABLE "Passage" ADD COLUMN     "pageEnd" INTEGER,
ADD COLUMN     "pageStart" INTEGER;

-- CreateTable
CREATE TABLE "AuditChainLink" (
    "position" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "recordId" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "previousHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditChainLink_pkey" PRIMARY KEY ("position")
);

-- CreateTable
CREATE TABLE "TransferApproval" (
    "id" TEXT NOT NULL,
    "service" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL,
    "assessment" TEXT NOT NULL,
    "decidedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TransferApproval_pkey" PRIMARY KEY ("id")
);

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

-- AddForeignKey
ALTER TABLE "Exchange" ADD CONSTRAINT "Exchange_transferApprovalId_fkey" FOREIGN KEY ("transferApprovalId") REFERENCES "TransferApproval"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TransferApproval" ADD CONSTRAINT "TransferApproval_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- The audit trail is append-only: chained records are never edited or deleted
-- (corrections are new records). Sealed text may still be re-sealed under a new
-- key or destroyed after the retention period; the chain hashes its digest.
CREATE FUNCTION "cam_refuse_change"() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused (record a new entry instead)', TG_TABLE_NAME, TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "AuditChainLink_no_update" BEFORE UPDATE ON "AuditChainLink"
    FOR EACH ROW EXECUTE FUNCTION "cam_refuse_change"();

CREATE TRIGGER "AuditChainLink_no_delete" BEFORE DELETE ON "AuditChainLink"
    FOR EACH ROW EXECUTE FUNCTION "cam_refuse_change"();

CREATE TRIGGER "ReviewLabel_no_update" BEFORE UPDATE ON "ReviewLabel"
    FOR EACH ROW EXECUTE FUNCTION "cam_refuse_change"();

CREATE TRIGGER "ReviewLabel_no_delete" BEFORE DELETE ON "ReviewLabel"
    FOR EACH ROW EXECUTE FUNCTION "cam_refuse_change"();

CREATE TRIGGER "RevealEvent_no_update" BEFORE UPDATE ON "RevealEvent"
    FOR EACH ROW EXECUTE FUNCTION "cam_refuse_change"();

CREATE TRIGGER "RevealEvent_no_delete" BEFORE DELETE ON "RevealEvent"
    FOR EACH ROW EXECUTE FUNCTION "cam_refuse_change"();

CREATE TRIGGER "Passage_no_update" BEFORE UPDATE ON "Passage"
    FOR EACH ROW EXECUTE FUNCTION "cam_refuse_change"();

CREATE TRIGGER "Passage_no_delete" BEFORE DELETE ON "Passage"
    FOR EACH ROW EXECUTE FUNCTION "cam_refuse_change"();

CREATE TRIGGER "Exchange_no_update" BEFORE UPDATE OF "id", "createdAt", "source", "userId", "conversationId", "turn", "evaluationRunId", "runItem", "scenarioId", "provider", "model", "retrieval", "options", "questionRedacted", "finalAnswerRedacted", "action", "needsReview", "latency", "totalMs", "ruleSetVersion", "settingsVersion", "storeVersion", "transferApprovalId", "error", "errorStage" ON "Exchange"
    FOR EACH ROW EXECUTE FUNCTION "cam_refuse_change"();

CREATE TRIGGER "Exchange_no_delete" BEFORE DELETE ON "Exchange"
    FOR EACH ROW EXECUTE FUNCTION "cam_refuse_change"();

CREATE TRIGGER "Finding_no_update" BEFORE UPDATE OF "id", "exchangeId", "ruleId", "ruleVersion", "severity", "message", "clauses", "createdAt" ON "Finding"
    FOR EACH ROW EXECUTE FUNCTION "cam_refuse_change"();

CREATE TRIGGER "Finding_no_delete" BEFORE DELETE ON "Finding"
    FOR EACH ROW EXECUTE FUNCTION "cam_refuse_change"();

CREATE TRIGGER "JudgeScore_no_update" BEFORE UPDATE OF "id", "exchangeId", "judgeId", "judgeModel", "status", "helpfulness", "compliance", "verdict", "error", "attempts", "latencyMs", "createdAt" ON "JudgeScore"
    FOR EACH ROW EXECUTE FUNCTION "cam_refuse_change"();

CREATE TRIGGER "JudgeScore_no_delete" BEFORE DELETE ON "JudgeScore"
    FOR EACH ROW EXECUTE FUNCTION "cam_refuse_change"();
