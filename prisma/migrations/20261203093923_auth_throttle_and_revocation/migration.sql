-- CreateTable
CREATE TABLE "SignUpAttempt" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "client" TEXT NOT NULL,
    "at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "RevokedSession" (
    "sid" TEXT NOT NULL PRIMARY KEY,
    "expiresAt" DATETIME NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_SignInAttempt" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "email" TEXT NOT NULL,
    "client" TEXT NOT NULL DEFAULT 'unknown',
    "at" DATETIME NOT NULL,
    "succeeded" BOOLEAN
);
INSERT INTO "new_SignInAttempt" ("at", "email", "id", "succeeded") SELECT "at", "email", "id", "succeeded" FROM "SignInAttempt";
DROP TABLE "SignInAttempt";
ALTER TABLE "new_SignInAttempt" RENAME TO "SignInAttempt";
CREATE INDEX "SignInAttempt_email_at_idx" ON "SignInAttempt"("email", "at");
CREATE INDEX "SignInAttempt_client_at_idx" ON "SignInAttempt"("client", "at");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "SignUpAttempt_client_at_idx" ON "SignUpAttempt"("client", "at");

-- CreateIndex
CREATE INDEX "RevokedSession_expiresAt_idx" ON "RevokedSession"("expiresAt");
