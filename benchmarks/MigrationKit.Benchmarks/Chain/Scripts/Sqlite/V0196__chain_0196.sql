CREATE TABLE "chain_0196" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_chain_0196" PRIMARY KEY AUTOINCREMENT,
    "previous_id" INTEGER,
    "name" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL DEFAULT 0,
    "price" REAL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_chain_0196_previous_id_chain_0195" FOREIGN KEY ("previous_id") REFERENCES "chain_0195" ("id")
);
CREATE INDEX "ix_chain_0196_previous_id" ON "chain_0196" ("previous_id");
