CREATE TABLE "chain_0297" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_chain_0297" PRIMARY KEY AUTOINCREMENT,
    "previous_id" INTEGER,
    "name" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL DEFAULT 0,
    "price" REAL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_chain_0297_previous_id_chain_0296" FOREIGN KEY ("previous_id") REFERENCES "chain_0296" ("id")
);
CREATE INDEX "ix_chain_0297_previous_id" ON "chain_0297" ("previous_id");
