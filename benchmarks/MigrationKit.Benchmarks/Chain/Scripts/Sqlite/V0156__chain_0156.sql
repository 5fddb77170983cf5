CREATE TABLE "chain_0156" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_chain_0156" PRIMARY KEY AUTOINCREMENT,
    "previous_id" INTEGER,
    "name" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL DEFAULT 0,
    "price" REAL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_chain_0156_previous_id_chain_0155" FOREIGN KEY ("previous_id") REFERENCES "chain_0155" ("id")
);
CREATE INDEX "ix_chain_0156_previous_id" ON "chain_0156" ("previous_id");
