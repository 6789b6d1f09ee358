#!/usr/bin/env bash
# Starts the whole system without Docker: an embedded PostgreSQL 17 holding every service's database (or the external
# server named by POSTGRES_ADMIN_URL), every service of services/ (one <name>.properties each) and the development
# OpenID Connect issuer of services/issuer/, on the ports of
# .env.example, listening on 127.0.0.1 only unless LOCAL_STACK_BIND_ADDRESS says otherwise.
# Builds the jars first when they are missing or the sources changed since the last build. Once the system is up, it
# makes each new jar's JDK AOT cache in the background, so that the next start is faster. Ctrl-C stops everything.
# The services run in development mode (the dev profile: local-stack's LocalStack turns it on), which accepts the
# development secrets of .env.example; Actuator and the operator's endpoints are on the management ports (8181, 8182 ...).
set -euo pipefail
cd "$(dirname "$0")"
. scripts/java-home.sh

if [ -f .env ]; then
  set -a; . ./.env; set +a
fi

stamp=.local/build.stamp
built=true
jars=(local-stack/target/local-stack-exec.jar)
for descriptor in services/*.properties services/issuer/*.properties; do
  service=$(basename "$descriptor" .properties)
  jars+=("$service/target/$service.jar")
done
for jar in "${jars[@]}"; do
  [ -f "$jar" ] || built=false
done
if [ "$built" = false ] || [ ! -f "$stamp" ] || \
   [ -n "$(find pom.xml ./*/pom.xml ./*/src/main services -newer "$stamp" -print -quit 2>/dev/null)" ]; then
  echo "Building the services (./mvnw -DskipTests package) ..."
  ./mvnw -B -q -DskipTests package
  mkdir -p .local && touch "$stamp"
fi

exec "$JAVA_HOME/bin/java" -jar local-stack/target/local-stack-exec.jar
