-- CreateTable
CREATE TABLE "PersonAddress" (
    "platform" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "userId" TEXT,
    "checkedAt" DATETIME NOT NULL,

    PRIMARY KEY ("platform", "personId")
);
