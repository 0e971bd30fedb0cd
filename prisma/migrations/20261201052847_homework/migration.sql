-- CreateTable
CREATE TABLE "Homework" (
    "id" TEXT NOT NULL,
    "classId" TEXT NOT NULL,
    "classCode" TEXT NOT NULL,
    "rules" JSONB NOT NULL,
    "deadline" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Homework_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HomeworkWalk" (
    "homeworkId" TEXT NOT NULL,
    "playerKey" TEXT NOT NULL,
    "nickname" TEXT NOT NULL,
    "walk" JSONB NOT NULL,
    "score" INTEGER NOT NULL,
    "finalLoss" DOUBLE PRECISION,
    "steps" INTEGER NOT NULL,
    "outcome" TEXT NOT NULL,
    "finishedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "HomeworkWalk_pkey" PRIMARY KEY ("homeworkId","playerKey")
);

-- CreateIndex
CREATE INDEX "Homework_classId_idx" ON "Homework"("classId");
