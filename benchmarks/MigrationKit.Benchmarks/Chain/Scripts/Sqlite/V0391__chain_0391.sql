CREATE TABLE "chain_0391" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_chain_0391" PRIMARY KEY AUTOINCREMENT,
    "previous_id" INTEGER,
    "name" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL DEFAULT 0,
    "price" REAL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_chain_0391_previous_id_chain_0390" FOREIGN KEY ("previous_id") REFERENCES "chain_0390" ("id")
);
CREATE INDEX "ix_chain_0391_previous_id" ON "chain_0391" ("previous_id");
