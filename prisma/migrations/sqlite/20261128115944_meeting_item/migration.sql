-- CreateTable
CREATE TABLE "MeetingItem" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "applicationId" INTEGER NOT NULL,
    "meetingAt" DATETIME NOT NULL,
    "agendaItem" TEXT NOT NULL,
    "agendaPostedAt" DATETIME NOT NULL,
    "scheduledById" TEXT NOT NULL,
    "scheduledAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "MeetingItem_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "MeetingItem_applicationId_key" ON "MeetingItem"("applicationId");
