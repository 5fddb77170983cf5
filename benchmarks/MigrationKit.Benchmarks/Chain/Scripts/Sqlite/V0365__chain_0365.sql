CREATE TABLE "chain_0365" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_chain_0365" PRIMARY KEY AUTOINCREMENT,
    "previous_id" INTEGER,
    "name" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL DEFAULT 0,
    "price" REAL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_chain_0365_previous_id_chain_0364" FOREIGN KEY ("previous_id") REFERENCES "chain_0364" ("id")
);
CREATE INDEX "ix_chain_0365_previous_id" ON "chain_0365" ("previous_id");
