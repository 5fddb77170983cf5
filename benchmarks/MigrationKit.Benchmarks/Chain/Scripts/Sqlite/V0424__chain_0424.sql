CREATE TABLE "chain_0424" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_chain_0424" PRIMARY KEY AUTOINCREMENT,
    "previous_id" INTEGER,
    "name" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL DEFAULT 0,
    "price" REAL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_chain_0424_previous_id_chain_0423" FOREIGN KEY ("previous_id") REFERENCES "chain_0423" ("id")
);
CREATE INDEX "ix_chain_0424_previous_id" ON "chain_0424" ("previous_id");
