#!/bin/sh
# Runs once, when the PostgreSQL volume is first created: one database and one role per service.
# Names and passwords come from docker-compose.yml's environment (see .env.example).
# Every pair <PREFIX>_DB_USER and <PREFIX>_DB_PASSWORD in the environment makes a role of that name and a database
# named <prefix> in lower case that it owns (DASHBOARD_DB_USER: database dashboard), so a new service adds two
# variables and nothing here.
set -eu
found=0
for prefix in $(env | sed -n 's/^\([A-Z][A-Z0-9_]*\)_DB_USER=.*/\1/p' | sort); do
  user=$(printenv "${prefix}_DB_USER")
  password=$(printenv "${prefix}_DB_PASSWORD") || { echo "${prefix}_DB_USER is set, ${prefix}_DB_PASSWORD is not" >&2; exit 1; }
  database=$(echo "$prefix" | tr 'A-Z' 'a-z')
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    -v user="$user" -v password="$password" -v database="$database" <<'SQL'
CREATE ROLE :"user" LOGIN PASSWORD :'password';
CREATE DATABASE :"database" OWNER :"user";
SQL
  echo "created database $database owned by $user"
  found=$((found + 1))
done
[ "$found" -gt 0 ] || { echo "no <PREFIX>_DB_USER in the environment: no service database made" >&2; exit 1; }
