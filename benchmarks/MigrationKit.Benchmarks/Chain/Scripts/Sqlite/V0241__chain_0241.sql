CREATE TABLE "chain_0241" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_chain_0241" PRIMARY KEY AUTOINCREMENT,
    "previous_id" INTEGER,
    "name" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL DEFAULT 0,
    "price" REAL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_chain_0241_previous_id_chain_0240" FOREIGN KEY ("previous_id") REFERENCES "chain_0240" ("id")
);
CREATE INDEX "ix_chain_0241_previous_id" ON "chain_0241" ("previous_id");
