CREATE TABLE "chain_0332" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_chain_0332" PRIMARY KEY AUTOINCREMENT,
    "previous_id" INTEGER,
    "name" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL DEFAULT 0,
    "price" REAL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_chain_0332_previous_id_chain_0331" FOREIGN KEY ("previous_id") REFERENCES "chain_0331" ("id")
);
CREATE INDEX "ix_chain_0332_previous_id" ON "chain_0332" ("previous_id");
