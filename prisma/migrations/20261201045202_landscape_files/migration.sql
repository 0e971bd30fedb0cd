-- CreateTable
CREATE TABLE "LandscapeFile" (
    "name" TEXT NOT NULL,
    "bytes" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LandscapeFile_pkey" PRIMARY KEY ("name")
);
