CREATE TABLE "chain_0240" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_chain_0240" PRIMARY KEY AUTOINCREMENT,
    "previous_id" INTEGER,
    "name" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL DEFAULT 0,
    "price" REAL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_chain_0240_previous_id_chain_0239" FOREIGN KEY ("previous_id") REFERENCES "chain_0239" ("id")
);
CREATE INDEX "ix_chain_0240_previous_id" ON "chain_0240" ("previous_id");
