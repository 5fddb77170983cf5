CREATE TABLE "chain_0496" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_chain_0496" PRIMARY KEY AUTOINCREMENT,
    "previous_id" INTEGER,
    "name" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL DEFAULT 0,
    "price" REAL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_chain_0496_previous_id_chain_0495" FOREIGN KEY ("previous_id") REFERENCES "chain_0495" ("id")
);
CREATE INDEX "ix_chain_0496_previous_id" ON "chain_0496" ("previous_id");
