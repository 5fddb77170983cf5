DROP VIEW IF EXISTS "shelf_titles";
CREATE VIEW "shelf_titles" AS SELECT "title" FROM "shelf";
