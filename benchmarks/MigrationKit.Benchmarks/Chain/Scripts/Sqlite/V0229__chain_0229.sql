CREATE TABLE "chain_0229" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_chain_0229" PRIMARY KEY AUTOINCREMENT,
    "previous_id" INTEGER,
    "name" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL DEFAULT 0,
    "price" REAL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_chain_0229_previous_id_chain_0228" FOREIGN KEY ("previous_id") REFERENCES "chain_0228" ("id")
);
CREATE INDEX "ix_chain_0229_previous_id" ON "chain_0229" ("previous_id");
