"""Importers of news-database exports: files that hold many articles with the database's
own fields, split into articles by each format's markers and checked against its counter."""
