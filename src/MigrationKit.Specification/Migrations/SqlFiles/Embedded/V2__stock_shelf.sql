INSERT INTO "shelf" ("id", "title") VALUES (1, 'Dune');
INSERT INTO "shelf" ("id", "title") VALUES (2, 'Emma');
