CREATE TABLE "chain_0327" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_chain_0327" PRIMARY KEY AUTOINCREMENT,
    "previous_id" INTEGER,
    "name" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL DEFAULT 0,
    "price" REAL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_chain_0327_previous_id_chain_0326" FOREIGN KEY ("previous_id") REFERENCES "chain_0326" ("id")
);
CREATE INDEX "ix_chain_0327_previous_id" ON "chain_0327" ("previous_id");
