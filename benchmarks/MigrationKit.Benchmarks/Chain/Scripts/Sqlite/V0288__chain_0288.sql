CREATE TABLE "chain_0288" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_chain_0288" PRIMARY KEY AUTOINCREMENT,
    "previous_id" INTEGER,
    "name" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL DEFAULT 0,
    "price" REAL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_chain_0288_previous_id_chain_0287" FOREIGN KEY ("previous_id") REFERENCES "chain_0287" ("id")
);
CREATE INDEX "ix_chain_0288_previous_id" ON "chain_0288" ("previous_id");
