CREATE TABLE "chain_0324" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_chain_0324" PRIMARY KEY AUTOINCREMENT,
    "previous_id" INTEGER,
    "name" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL DEFAULT 0,
    "price" REAL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_chain_0324_previous_id_chain_0323" FOREIGN KEY ("previous_id") REFERENCES "chain_0323" ("id")
);
CREATE INDEX "ix_chain_0324_previous_id" ON "chain_0324" ("previous_id");
