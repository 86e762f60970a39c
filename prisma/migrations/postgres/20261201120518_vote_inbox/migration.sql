-- AlterTable
ALTER TABLE "MessageRef" ADD COLUMN     "contentHash" TEXT;

-- CreateTable
CREATE TABLE "InboxEvent" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "leaseUntil" TIMESTAMP(3),
    "appliedAt" TIMESTAMP(3),
    "outcome" TEXT,

    CONSTRAINT "InboxEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "InboxEvent_key_key" ON "InboxEvent"("key");

-- CreateIndex
CREATE INDEX "InboxEvent_appliedAt_idx" ON "InboxEvent"("appliedAt");
