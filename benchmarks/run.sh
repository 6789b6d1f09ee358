#!/usr/bin/env bash
# Benchmarks the system on this machine: starts PostgreSQL, both services and the development issuer as processes on
# free ports (as ./run-local.sh does, with generated keys; every write carries a development token), drives them,
# prints a summary and writes it to benchmarks/results/<time>/. Builds what is missing first. Needs nothing running.
#   ./benchmarks/run.sh                         quick: every scenario, short windows
#   ./benchmarks/run.sh --full                  longer windows, more concurrencies, h2load and wrk cross-checks
#   ./benchmarks/run.sh --scenarios=likes,cold  only some of grpc-rest,bare,likes,replication,overload,read-flood,tools,cold
#   --jvm-option=-XX:...  --service-env=NAME=value   try a setting on both services
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/java-home.sh

stamp=benchmarks/target/build.stamp
built=true
for jar in benchmarks/target/benchmarks.jar dashboard-service/target/dashboard-service.jar \
           product-service/target/product-service.jar dev-authorization-server/target/dev-authorization-server.jar; do
  [ -f "$jar" ] || built=false
done
if [ "$built" = false ] || [ ! -f "$stamp" ] || \
   [ -n "$(find pom.xml ./*/pom.xml ./*/src/main -newer "$stamp" -print -quit 2>/dev/null)" ]; then
  echo "Building the services and the benchmark (./mvnw -DskipTests package) ..." >&2
  ./mvnw -B -q -DskipTests package -pl benchmarks -am
  touch "$stamp"
fi

exec "$JAVA_HOME/bin/java" -Xmx1g --enable-native-access=ALL-UNNAMED -Dbenchmarks.root="$PWD" \
  -cp "benchmarks/target/benchmarks.jar:benchmarks/target/lib/*" \
  com.example.likes.benchmarks.BenchmarkMain "$@"
