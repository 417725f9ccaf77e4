#!/usr/bin/env bash
# `make test`: the suite on SQLite and, beside it, on PostgreSQL (scripts/postgres-pass.sh, the tests that touch a
# database) when a server answers. Both passes mostly wait – on Chromium, LibreOffice, processes killed and
# restarted, sockets – so on CI's two cores the two together take little longer than the SQLite pass alone; one
# after the other they took 49 + ~45 minutes, over CI's 90.
#
# The PostgreSQL pass writes to a log that is printed when both have ended; `make test` fails if either failed.
set -u
cd "$(dirname "$0")/.."
log=$(mktemp -t remiss-postgres-pass.XXXXXX)
# Its own session, so that an interrupted `make test` stops the whole pass (pytest and what it started) with it.
setsid -w bash scripts/postgres-pass.sh >"$log" 2>&1 &
postgres=$!
trap 'kill -- -"$postgres" 2>/dev/null' EXIT

echo "Kör testsviten mot SQLite; PostgreSQL-körningen går samtidigt (logg: $log)"
# Without the PostgreSQL URL, which names the other pass's database: the two passes would empty each other's tables.
env -u REMISS_TEST_DATABASE_URL .venv/bin/python -m pytest -q -p no:cacheprovider --durations=15
sqlite=$?

wait "$postgres"
pg=$?
echo
cat "$log"
rm -f "$log"
if [ "$sqlite" != 0 ] || [ "$pg" != 0 ]; then
  echo "Testsviten misslyckades: SQLite-körningen slutade med $sqlite, PostgreSQL-körningen med $pg." >&2
  exit 1
fi
