CREATE TABLE "chain_0335" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_chain_0335" PRIMARY KEY AUTOINCREMENT,
    "previous_id" INTEGER,
    "name" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL DEFAULT 0,
    "price" REAL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_chain_0335_previous_id_chain_0334" FOREIGN KEY ("previous_id") REFERENCES "chain_0334" ("id")
);
CREATE INDEX "ix_chain_0335_previous_id" ON "chain_0335" ("previous_id");
