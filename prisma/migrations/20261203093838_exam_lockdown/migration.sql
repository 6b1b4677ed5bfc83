-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Assignment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "classId" TEXT NOT NULL,
    "setId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'assignment',
    "opensAt" DATETIME NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "attemptsAllowed" INTEGER NOT NULL DEFAULT 1,
    "seedPolicy" TEXT NOT NULL DEFAULT 'per-student',
    "showAnswers" TEXT NOT NULL DEFAULT 'after-submit',
    "latePolicy" TEXT NOT NULL DEFAULT 'closed',
    "latePenalty" REAL NOT NULL DEFAULT 0,
    "timeLimitMinutes" INTEGER,
    "lockdown" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Assignment_classId_fkey" FOREIGN KEY ("classId") REFERENCES "Class" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Assignment_setId_fkey" FOREIGN KEY ("setId") REFERENCES "QuestionSet" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Assignment" ("attemptsAllowed", "classId", "createdAt", "dueAt", "id", "kind", "latePenalty", "latePolicy", "opensAt", "seedPolicy", "setId", "showAnswers", "timeLimitMinutes", "title") SELECT "attemptsAllowed", "classId", "createdAt", "dueAt", "id", "kind", "latePenalty", "latePolicy", "opensAt", "seedPolicy", "setId", "showAnswers", "timeLimitMinutes", "title" FROM "Assignment";
DROP TABLE "Assignment";
ALTER TABLE "new_Assignment" RENAME TO "Assignment";
CREATE INDEX "Assignment_classId_idx" ON "Assignment"("classId");
CREATE TABLE "new_Attempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "assignmentId" TEXT,
    "number" INTEGER NOT NULL DEFAULT 1,
    "mockConfig" TEXT,
    "lockdown" BOOLEAN NOT NULL DEFAULT false,
    "startedAt" DATETIME NOT NULL,
    "deadline" DATETIME,
    "submittedAt" DATETIME,
    "late" BOOLEAN NOT NULL DEFAULT false,
    "score" REAL,
    "drillsFedAt" DATETIME,
    CONSTRAINT "Attempt_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Attempt_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Attempt" ("assignmentId", "deadline", "drillsFedAt", "id", "late", "mockConfig", "number", "score", "startedAt", "submittedAt", "userId") SELECT "assignmentId", "deadline", "drillsFedAt", "id", "late", "mockConfig", "number", "score", "startedAt", "submittedAt", "userId" FROM "Attempt";
DROP TABLE "Attempt";
ALTER TABLE "new_Attempt" RENAME TO "Attempt";
CREATE INDEX "Attempt_userId_startedAt_idx" ON "Attempt"("userId", "startedAt");
CREATE UNIQUE INDEX "Attempt_assignmentId_userId_number_key" ON "Attempt"("assignmentId", "userId", "number");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
