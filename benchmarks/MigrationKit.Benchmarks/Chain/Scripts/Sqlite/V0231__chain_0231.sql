CREATE TABLE "chain_0231" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_chain_0231" PRIMARY KEY AUTOINCREMENT,
    "previous_id" INTEGER,
    "name" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL DEFAULT 0,
    "price" REAL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_chain_0231_previous_id_chain_0230" FOREIGN KEY ("previous_id") REFERENCES "chain_0230" ("id")
);
CREATE INDEX "ix_chain_0231_previous_id" ON "chain_0231" ("previous_id");
