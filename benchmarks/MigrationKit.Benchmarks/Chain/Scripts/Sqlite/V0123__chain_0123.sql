CREATE TABLE "chain_0123" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_chain_0123" PRIMARY KEY AUTOINCREMENT,
    "previous_id" INTEGER,
    "name" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL DEFAULT 0,
    "price" REAL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_chain_0123_previous_id_chain_0122" FOREIGN KEY ("previous_id") REFERENCES "chain_0122" ("id")
);
CREATE INDEX "ix_chain_0123_previous_id" ON "chain_0123" ("previous_id");
