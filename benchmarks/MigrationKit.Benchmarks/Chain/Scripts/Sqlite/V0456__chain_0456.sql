CREATE TABLE "chain_0456" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_chain_0456" PRIMARY KEY AUTOINCREMENT,
    "previous_id" INTEGER,
    "name" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL DEFAULT 0,
    "price" REAL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_chain_0456_previous_id_chain_0455" FOREIGN KEY ("previous_id") REFERENCES "chain_0455" ("id")
);
CREATE INDEX "ix_chain_0456_previous_id" ON "chain_0456" ("previous_id");
