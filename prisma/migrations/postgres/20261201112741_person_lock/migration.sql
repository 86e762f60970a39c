-- CreateTable
CREATE TABLE "PersonLock" (
    "personId" TEXT NOT NULL,
    "touchedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PersonLock_pkey" PRIMARY KEY ("personId")
);
