-- CreateTable
CREATE TABLE "Score" (
    "id" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "mode" TEXT NOT NULL,
    "landscapeId" TEXT NOT NULL,
    "nickname" TEXT NOT NULL,
    "score" INTEGER NOT NULL,
    "startLoss" DOUBLE PRECISION NOT NULL,
    "finalLoss" DOUBLE PRECISION,
    "minLoss" DOUBLE PRECISION NOT NULL,
    "steps" INTEGER NOT NULL,
    "budget" INTEGER NOT NULL,
    "batch" INTEGER NOT NULL,
    "seed" INTEGER NOT NULL,
    "outcome" TEXT NOT NULL,
    "roomCode" TEXT,

    CONSTRAINT "Score_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SessionResult" (
    "id" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "roomId" TEXT NOT NULL,
    "roomCode" TEXT,
    "roundNo" INTEGER NOT NULL,
    "landscapeId" TEXT NOT NULL,
    "playerId" TEXT NOT NULL,
    "nickname" TEXT NOT NULL,
    "score" INTEGER NOT NULL,
    "startLoss" DOUBLE PRECISION NOT NULL,
    "finalLoss" DOUBLE PRECISION,
    "minLoss" DOUBLE PRECISION NOT NULL,
    "steps" INTEGER NOT NULL,
    "budget" INTEGER NOT NULL,
    "batch" INTEGER NOT NULL,
    "seed" INTEGER NOT NULL,
    "outcome" TEXT NOT NULL,

    CONSTRAINT "SessionResult_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Score_landscapeId_score_createdAt_idx" ON "Score"("landscapeId", "score" DESC, "createdAt");

-- CreateIndex
CREATE INDEX "SessionResult_roomId_idx" ON "SessionResult"("roomId");

-- CreateIndex
CREATE UNIQUE INDEX "SessionResult_roomId_roundNo_playerId_key" ON "SessionResult"("roomId", "roundNo", "playerId");
