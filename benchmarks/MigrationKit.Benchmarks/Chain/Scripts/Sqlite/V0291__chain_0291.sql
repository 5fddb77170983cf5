CREATE TABLE "chain_0291" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_chain_0291" PRIMARY KEY AUTOINCREMENT,
    "previous_id" INTEGER,
    "name" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL DEFAULT 0,
    "price" REAL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_chain_0291_previous_id_chain_0290" FOREIGN KEY ("previous_id") REFERENCES "chain_0290" ("id")
);
CREATE INDEX "ix_chain_0291_previous_id" ON "chain_0291" ("previous_id");
