-- AlterTable
ALTER TABLE "Application" ADD COLUMN     "reminderCron" TEXT;
