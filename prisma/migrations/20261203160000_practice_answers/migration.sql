-- CreateTable
CREATE TABLE "PracticeAnswer" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "cardId" TEXT NOT NULL,
    "attemptKey" TEXT NOT NULL,
    "practiceIndex" INTEGER NOT NULL,
    "generator" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "seed" BIGINT NOT NULL,
    "tier" INTEGER NOT NULL,
    "response" TEXT NOT NULL,
    "correct" BOOLEAN NOT NULL,
    "durationMs" INTEGER NOT NULL,
    "answeredAt" DATETIME NOT NULL,
    CONSTRAINT "PracticeAnswer_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PracticeAnswer_cardId_fkey" FOREIGN KEY ("cardId") REFERENCES "Card" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "PracticeAnswer_attemptKey_key" ON "PracticeAnswer"("attemptKey");

-- CreateIndex
CREATE INDEX "PracticeAnswer_userId_answeredAt_idx" ON "PracticeAnswer"("userId", "answeredAt");

-- CreateIndex
CREATE INDEX "PracticeAnswer_cardId_answeredAt_idx" ON "PracticeAnswer"("cardId", "answeredAt");


