-- AlterTable
ALTER TABLE "Attempt" ADD COLUMN "drillsFedAt" DATETIME;
