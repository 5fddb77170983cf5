CREATE TABLE "chain_0299" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_chain_0299" PRIMARY KEY AUTOINCREMENT,
    "previous_id" INTEGER,
    "name" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL DEFAULT 0,
    "price" REAL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_chain_0299_previous_id_chain_0298" FOREIGN KEY ("previous_id") REFERENCES "chain_0298" ("id")
);
CREATE INDEX "ix_chain_0299_previous_id" ON "chain_0299" ("previous_id");
