-- AlterTable
ALTER TABLE "Score" ADD COLUMN     "achievedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "playerKey" TEXT,
ADD COLUMN     "scoring" INTEGER NOT NULL DEFAULT 1;

-- Rows written before this migration set their best when they were created.
UPDATE "Score" SET "achievedAt" = "createdAt";

-- CreateIndex
CREATE INDEX "Score_landscapeId_scoring_score_steps_achievedAt_idx" ON "Score"("landscapeId", "scoring", "score" DESC, "steps", "achievedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Score_landscapeId_scoring_playerKey_key" ON "Score"("landscapeId", "scoring", "playerKey");
