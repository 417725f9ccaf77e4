"""Full-text search over remisser: SQLite FTS5 by default, PostgreSQL `swedish` text search."""
