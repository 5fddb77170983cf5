CREATE TABLE "chain_0453" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_chain_0453" PRIMARY KEY AUTOINCREMENT,
    "previous_id" INTEGER,
    "name" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL DEFAULT 0,
    "price" REAL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_chain_0453_previous_id_chain_0452" FOREIGN KEY ("previous_id") REFERENCES "chain_0452" ("id")
);
CREATE INDEX "ix_chain_0453_previous_id" ON "chain_0453" ("previous_id");
