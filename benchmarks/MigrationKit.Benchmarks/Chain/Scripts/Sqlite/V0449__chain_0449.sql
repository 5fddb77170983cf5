CREATE TABLE "chain_0449" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_chain_0449" PRIMARY KEY AUTOINCREMENT,
    "previous_id" INTEGER,
    "name" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL DEFAULT 0,
    "price" REAL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_chain_0449_previous_id_chain_0448" FOREIGN KEY ("previous_id") REFERENCES "chain_0448" ("id")
);
CREATE INDEX "ix_chain_0449_previous_id" ON "chain_0449" ("previous_id");
