#!/usr/bin/env bash
# Makes sure a PostgreSQL server answers on 127.0.0.1:5432 with trust auth for local TCP, installing
# it from Debian's packages when the machine has none. Used by CI; harmless where it already runs.
set -euo pipefail

if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  exit 0
fi

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  echo "PostgreSQL tidak terpasang; memasang dari paket Debian (installing PostgreSQL from Debian packages)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq postgresql >/dev/null
fi

version=$(ls /etc/postgresql | sort -V | tail -n 1)
hba="/etc/postgresql/${version}/main/pg_hba.conf"
if ! grep -q '^host all all 127.0.0.1/32 trust' "$hba"; then
  # CI-only server on loopback: trust local TCP so tests connect without a password.
  sed -i '1i host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust' "$hba"
fi
pg_ctlcluster --skip-systemctl-redirect "$version" main start 2>/dev/null || pg_ctlcluster --skip-systemctl-redirect "$version" main reload

for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p 5432 && exit 0
  sleep 1
done
echo "PostgreSQL tidak menjawab di 127.0.0.1:5432 (PostgreSQL did not answer)" >&2
exit 1
