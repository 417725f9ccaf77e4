#!/usr/bin/env bash
# Run the suite's tests that touch a database a second time, against PostgreSQL, when a server is available; say
# so when not. (tests/conftest.py leaves out the rest: the missiv parser, the documents' own code … ran on SQLite.)
# scripts/test-passes.sh runs this beside the SQLite pass.
#
# REMISS_TEST_DATABASE_URL names the database (its public schema is dropped and recreated);
# REMISS_PG_PASS_URL does the same for this pass alone, so that two checkouts can run `make test`
# at once on one server, each pass on its own database, while their first passes stay on SQLite.
# Without it, a server answering on localhost is tried with the role and database that
# .ci/run creates (remiss/remiss, remiss_test). A URL that was given but does not answer
# is an error; a server that was merely not found is reported and skipped.
set -u
cd "$(dirname "$0")/.."
python=.venv/bin/python
url="${REMISS_PG_PASS_URL:-${REMISS_TEST_DATABASE_URL:-}}"
given=1
if [ -z "$url" ]; then
  given=0
  url="postgresql+psycopg://remiss:remiss@localhost/remiss_test"
fi
shown=$(printf '%s' "$url" | sed -E 's#//([^:/@]+):[^@]*@#//\1:***@#')

if ! reason=$("$python" - "$url" 2>&1 <<'EOF'
import sys
from sqlalchemy import create_engine, text
try:
    engine = create_engine(sys.argv[1], connect_args={"connect_timeout": 3})
    with engine.connect() as conn:
        conn.execute(text("SELECT 1"))
except Exception as exc:  # report the first line only
    print(str(exc).strip().splitlines()[0])
    sys.exit(1)
EOF
); then
  if [ "$given" = 1 ]; then
    echo "PostgreSQL-körningen kunde inte starta: $shown svarar inte: $reason" >&2
    exit 1
  fi
  echo "================================================================"
  echo "PostgreSQL-körning HOPPAS ÖVER: ingen server svarar på localhost"
  echo "($reason)."
  echo "Starta PostgreSQL och skapa rollen och databasen som .ci/run gör,"
  echo "eller sätt REMISS_TEST_DATABASE_URL=postgresql+psycopg://…"
  echo "================================================================"
  exit 0
fi

echo "Kör testsviten mot PostgreSQL: $shown"
REMISS_TEST_DATABASE_URL="$url" "$python" -m pytest -q -p no:cacheprovider --durations=25 -m "not browser and not libreoffice"
