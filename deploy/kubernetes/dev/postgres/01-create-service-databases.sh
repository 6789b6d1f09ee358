#!/bin/sh
# Runs once, when the PostgreSQL volume is first created: one database and one role per service.
# Names and passwords come from the postgres-secrets Secret (a copy of docker/postgres/init/ for the dev overlay).
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v dashboard_user="$DASHBOARD_DB_USER" -v dashboard_password="$DASHBOARD_DB_PASSWORD" \
  -v product_user="$PRODUCT_DB_USER" -v product_password="$PRODUCT_DB_PASSWORD" <<'SQL'
CREATE ROLE :"dashboard_user" LOGIN PASSWORD :'dashboard_password';
CREATE DATABASE dashboard OWNER :"dashboard_user";
CREATE ROLE :"product_user" LOGIN PASSWORD :'product_password';
CREATE DATABASE product OWNER :"product_user";
SQL
