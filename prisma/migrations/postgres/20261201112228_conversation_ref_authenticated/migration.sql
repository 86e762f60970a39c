-- AlterTable
ALTER TABLE "ConversationRef" ADD COLUMN     "authenticated" BOOLEAN NOT NULL DEFAULT false;
