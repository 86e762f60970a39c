-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ConversationRef" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "platform" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "serviceUrl" TEXT,
    "tenantId" TEXT,
    "data" JSONB,
    "authenticated" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_ConversationRef" ("conversationId", "data", "id", "key", "platform", "serviceUrl", "tenantId", "updatedAt") SELECT "conversationId", "data", "id", "key", "platform", "serviceUrl", "tenantId", "updatedAt" FROM "ConversationRef";
DROP TABLE "ConversationRef";
ALTER TABLE "new_ConversationRef" RENAME TO "ConversationRef";
CREATE UNIQUE INDEX "ConversationRef_platform_key_key" ON "ConversationRef"("platform", "key");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
