-- CreateTable
CREATE TABLE "PersonAddress" (
    "platform" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "userId" TEXT,
    "checkedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PersonAddress_pkey" PRIMARY KEY ("platform","personId")
);
