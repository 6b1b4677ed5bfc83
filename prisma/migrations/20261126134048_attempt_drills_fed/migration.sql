-- AlterTable
ALTER TABLE "Attempt" ADD COLUMN "drillsFedAt" DATETIME;

-- Attempts handed in before this column existed were fed to the drills (mock exams) or
-- never will be (assignments): mark them done so nothing is brought forward twice.
UPDATE "Attempt" SET "drillsFedAt" = "submittedAt" WHERE "submittedAt" IS NOT NULL;
