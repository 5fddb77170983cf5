CREATE TABLE "chain_0184" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_chain_0184" PRIMARY KEY AUTOINCREMENT,
    "previous_id" INTEGER,
    "name" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL DEFAULT 0,
    "price" REAL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_chain_0184_previous_id_chain_0183" FOREIGN KEY ("previous_id") REFERENCES "chain_0183" ("id")
);
CREATE INDEX "ix_chain_0184_previous_id" ON "chain_0184" ("previous_id");
