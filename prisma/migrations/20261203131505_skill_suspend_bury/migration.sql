-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Card" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "generator" TEXT NOT NULL,
    "tier" INTEGER NOT NULL DEFAULT 1,
    "due" DATETIME NOT NULL,
    "stability" REAL NOT NULL DEFAULT 0,
    "difficulty" REAL NOT NULL DEFAULT 0,
    "elapsedDays" INTEGER NOT NULL DEFAULT 0,
    "scheduledDays" INTEGER NOT NULL DEFAULT 0,
    "learningSteps" INTEGER NOT NULL DEFAULT 0,
    "reps" INTEGER NOT NULL DEFAULT 0,
    "lapses" INTEGER NOT NULL DEFAULT 0,
    "state" INTEGER NOT NULL DEFAULT 0,
    "lastReview" DATETIME,
    "reviewCount" INTEGER NOT NULL DEFAULT 0,
    "consecutiveLapses" INTEGER NOT NULL DEFAULT 0,
    "replayNext" BOOLEAN NOT NULL DEFAULT false,
    "suspended" BOOLEAN NOT NULL DEFAULT false,
    "buriedUntil" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Card_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Card" ("consecutiveLapses", "createdAt", "difficulty", "due", "elapsedDays", "generator", "id", "lapses", "lastReview", "learningSteps", "replayNext", "reps", "reviewCount", "scheduledDays", "stability", "state", "tier", "updatedAt", "userId") SELECT "consecutiveLapses", "createdAt", "difficulty", "due", "elapsedDays", "generator", "id", "lapses", "lastReview", "learningSteps", "replayNext", "reps", "reviewCount", "scheduledDays", "stability", "state", "tier", "updatedAt", "userId" FROM "Card";
DROP TABLE "Card";
ALTER TABLE "new_Card" RENAME TO "Card";
CREATE INDEX "Card_userId_due_idx" ON "Card"("userId", "due");
CREATE UNIQUE INDEX "Card_userId_generator_key" ON "Card"("userId", "generator");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
