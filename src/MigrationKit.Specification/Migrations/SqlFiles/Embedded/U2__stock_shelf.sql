DELETE FROM "shelf";
