CREATE TABLE "chain_0476" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_chain_0476" PRIMARY KEY AUTOINCREMENT,
    "previous_id" INTEGER,
    "name" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL DEFAULT 0,
    "price" REAL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_chain_0476_previous_id_chain_0475" FOREIGN KEY ("previous_id") REFERENCES "chain_0475" ("id")
);
CREATE INDEX "ix_chain_0476_previous_id" ON "chain_0476" ("previous_id");
