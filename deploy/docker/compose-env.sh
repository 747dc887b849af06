#!/usr/bin/env bash
# Prints the environment docker-compose.yml needs, generating the local secrets once under
# .canopy/secrets (git-ignored; the same files ./canopy up uses, so both share tokens and keys):
#   eval "$(deploy/docker/compose-env.sh)" && docker compose up --build
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
dir="$root/.canopy/secrets"
mkdir -p "$dir" && chmod 700 "$dir"
gen() { [ -s "$dir/$1" ] || { (umask 077; eval "$2" > "$dir/$1"); }; }
gen admin-token    'openssl rand -hex 24'
gen service-token  'openssl rand -hex 24'
gen sealing-key-k1 'openssl rand -base64 32'
# the file name local-stack's LocalSecrets.dashboardSessionKey() reads, so both share signed-in sessions
gen dashboard-session-key 'openssl rand -base64 32'
if [ ! -s "$dir/jwt-private.pem" ] || [ ! -s "$dir/jwt-public.pem" ]; then
  (umask 077; openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$dir/jwt-private.pem" 2>/dev/null)
  openssl pkey -in "$dir/jwt-private.pem" -pubout -out "$dir/jwt-public.pem"
fi
gen postgres-password 'openssl rand -hex 16'
gen db-owner-password 'openssl rand -hex 16'
gen db-runtime-password 'openssl rand -hex 16'
# The JWT key files are bind-mounted into the containers, whose user (185) must read them; the
# directory itself stays 700, so other users of this machine still cannot reach them.
chmod 644 "$dir/jwt-public.pem" "$dir/jwt-private.pem"
echo "export CANOPY_ADMIN_TOKEN='$(tr -d '\n' < "$dir/admin-token")'"
echo "export CANOPY_COLLECTOR_SERVICE_TOKEN='$(tr -d '\n' < "$dir/service-token")'"
echo "export CANOPY_CREDENTIALS_KEYS_K1='$(tr -d '\n' < "$dir/sealing-key-k1")'"
echo "export CANOPY_DASHBOARD_SESSION_KEY='$(tr -d '\n' < "$dir/dashboard-session-key")'"
echo "export POSTGRES_PASSWORD='$(tr -d '\n' < "$dir/postgres-password")'"
echo "export CANOPY_DB_OWNER_PASSWORD='$(tr -d '\n' < "$dir/db-owner-password")'"
echo "export CANOPY_DB_RUNTIME_PASSWORD='$(tr -d '\n' < "$dir/db-runtime-password")'"
