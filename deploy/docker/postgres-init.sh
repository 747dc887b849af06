#!/bin/sh
# One database per data-owning service (DESIGN.md: no service reads another's tables), each with two
# roles (least privilege, issue #17), as CloudNativePG does in Kubernetes (k8s/base/postgres):
#   <db>      the OWNER: owns the database; only Flyway connects as it (QUARKUS_FLYWAY_USERNAME)
#   <db>_app  the RUNTIME role the service connects as (QUARKUS_DATASOURCE_USERNAME): it owns
#             nothing; the migrations grant it row privileges (SELECT and INSERT only on the ledger)
# Run once by the postgres image on an empty data directory, as its superuser.
set -eu
for db in registry metering health certificate; do
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres -v db="$db" \
      -v owner_password="$CANOPY_DB_OWNER_PASSWORD" -v runtime_password="$CANOPY_DB_RUNTIME_PASSWORD" <<'SQL'
\set runtime :db '_app'
CREATE ROLE :"db" LOGIN PASSWORD :'owner_password';
CREATE ROLE :"runtime" LOGIN NOINHERIT PASSWORD :'runtime_password';
CREATE DATABASE :"db" OWNER :"db";
SQL
done
