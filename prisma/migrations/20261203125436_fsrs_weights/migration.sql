-- AlterTable
ALTER TABLE "DrillSettings" ADD COLUMN "fsrsWeights" TEXT;
ALTER TABLE "DrillSettings" ADD COLUMN "optimizeReport" TEXT;
