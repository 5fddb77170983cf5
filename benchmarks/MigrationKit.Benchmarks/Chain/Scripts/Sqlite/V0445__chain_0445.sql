CREATE TABLE "chain_0445" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_chain_0445" PRIMARY KEY AUTOINCREMENT,
    "previous_id" INTEGER,
    "name" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL DEFAULT 0,
    "price" REAL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_chain_0445_previous_id_chain_0444" FOREIGN KEY ("previous_id") REFERENCES "chain_0444" ("id")
);
CREATE INDEX "ix_chain_0445_previous_id" ON "chain_0445" ("previous_id");
