-- The shelf, created from an embedded resource.
CREATE TABLE "shelf" ("id" INTEGER NOT NULL PRIMARY KEY, "title" VARCHAR(100) NOT NULL);
