CREATE TABLE "chain_0001" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_chain_0001" PRIMARY KEY AUTOINCREMENT,
    "previous_id" INTEGER,
    "name" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL DEFAULT 0,
    "price" REAL,
    "created_at" TEXT NOT NULL
);
CREATE INDEX "ix_chain_0001_previous_id" ON "chain_0001" ("previous_id");
