#!/usr/bin/env bash
# Run the suite a second time against PostgreSQL when a server is available.
set -u
url="${REMISS_TEST_DATABASE_URL:-}"
if [ -z "$url" ] && command -v pg_isready >/dev/null 2>&1 && pg_isready -q -h localhost 2>/dev/null; then
  url="postgresql+psycopg://remiss:remiss@localhost/remiss_test"
fi
if [ -z "$url" ]; then
  echo "PostgreSQL-körning hoppas över: ingen server hittades (sätt REMISS_TEST_DATABASE_URL)."
  exit 0
fi
echo "Kör testsviten mot PostgreSQL: ${url%%@*}@…"
REMISS_TEST_DATABASE_URL="$url" .venv/bin/python -m pytest -q -p no:cacheprovider -m "not browser and not libreoffice"
