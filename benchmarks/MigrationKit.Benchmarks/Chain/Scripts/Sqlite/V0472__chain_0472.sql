CREATE TABLE "chain_0472" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_chain_0472" PRIMARY KEY AUTOINCREMENT,
    "previous_id" INTEGER,
    "name" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL DEFAULT 0,
    "price" REAL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_chain_0472_previous_id_chain_0471" FOREIGN KEY ("previous_id") REFERENCES "chain_0471" ("id")
);
CREATE INDEX "ix_chain_0472_previous_id" ON "chain_0472" ("previous_id");
