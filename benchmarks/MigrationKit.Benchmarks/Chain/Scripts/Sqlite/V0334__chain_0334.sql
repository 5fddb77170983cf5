CREATE TABLE "chain_0334" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_chain_0334" PRIMARY KEY AUTOINCREMENT,
    "previous_id" INTEGER,
    "name" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL DEFAULT 0,
    "price" REAL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_chain_0334_previous_id_chain_0333" FOREIGN KEY ("previous_id") REFERENCES "chain_0333" ("id")
);
CREATE INDEX "ix_chain_0334_previous_id" ON "chain_0334" ("previous_id");
