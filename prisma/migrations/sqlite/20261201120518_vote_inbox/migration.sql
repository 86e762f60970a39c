-- AlterTable
ALTER TABLE "MessageRef" ADD COLUMN "contentHash" TEXT;

-- CreateTable
CREATE TABLE "InboxEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "leaseUntil" DATETIME,
    "appliedAt" DATETIME,
    "outcome" TEXT
);

-- CreateIndex
CREATE UNIQUE INDEX "InboxEvent_key_key" ON "InboxEvent"("key");

-- CreateIndex
CREATE INDEX "InboxEvent_appliedAt_idx" ON "InboxEvent"("appliedAt");
