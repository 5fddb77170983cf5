CREATE TABLE "chain_0425" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_chain_0425" PRIMARY KEY AUTOINCREMENT,
    "previous_id" INTEGER,
    "name" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL DEFAULT 0,
    "price" REAL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_chain_0425_previous_id_chain_0424" FOREIGN KEY ("previous_id") REFERENCES "chain_0424" ("id")
);
CREATE INDEX "ix_chain_0425_previous_id" ON "chain_0425" ("previous_id");
