-- CreateTable
CREATE TABLE "ScoreOverride" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "questionId" TEXT NOT NULL,
    "instructorId" TEXT NOT NULL,
    "oldScore" REAL,
    "newScore" REAL NOT NULL,
    "reason" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    CONSTRAINT "ScoreOverride_questionId_fkey" FOREIGN KEY ("questionId") REFERENCES "AttemptQuestion" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ScoreOverride_instructorId_fkey" FOREIGN KEY ("instructorId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ScoreOverride_questionId_at_idx" ON "ScoreOverride"("questionId", "at");
