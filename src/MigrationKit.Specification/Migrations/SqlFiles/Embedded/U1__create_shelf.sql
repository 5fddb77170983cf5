DROP TABLE "shelf";
