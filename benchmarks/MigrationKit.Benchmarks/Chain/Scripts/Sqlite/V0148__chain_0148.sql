CREATE TABLE "chain_0148" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_chain_0148" PRIMARY KEY AUTOINCREMENT,
    "previous_id" INTEGER,
    "name" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL DEFAULT 0,
    "price" REAL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_chain_0148_previous_id_chain_0147" FOREIGN KEY ("previous_id") REFERENCES "chain_0147" ("id")
);
CREATE INDEX "ix_chain_0148_previous_id" ON "chain_0148" ("previous_id");
