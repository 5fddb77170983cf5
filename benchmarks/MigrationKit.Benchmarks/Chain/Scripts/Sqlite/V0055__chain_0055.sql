CREATE TABLE "chain_0055" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_chain_0055" PRIMARY KEY AUTOINCREMENT,
    "previous_id" INTEGER,
    "name" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL DEFAULT 0,
    "price" REAL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_chain_0055_previous_id_chain_0054" FOREIGN KEY ("previous_id") REFERENCES "chain_0054" ("id")
);
CREATE INDEX "ix_chain_0055_previous_id" ON "chain_0055" ("previous_id");
