-- CreateTable
CREATE TABLE "PersonLock" (
    "personId" TEXT NOT NULL PRIMARY KEY,
    "touchedAt" DATETIME NOT NULL
);
