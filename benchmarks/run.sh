#!/usr/bin/env bash
# Benchmarks the system on this machine: starts PostgreSQL and both services as processes on free ports (as
# ./run-local.sh does, with generated keys), drives them, prints the results and writes them to
# benchmarks/results/<time>/. Builds what is missing first. Needs nothing running.
#   ./benchmarks/run.sh            the quick version (under 2 minutes once built)
#   ./benchmarks/run.sh --full     every scenario at length, with the h2load and wrk checks (about 14 minutes)
#   --jfr                          a flight recording of each service, in the results folder
#   --scenarios=a,b,c,d,x          only some scenarios
#   --jvm-option=-XX:...           one more JVM option for both services, to try a setting
#   --service-env=NAME=value       one more environment variable for both services (e.g. a log level)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/java-home.sh

stamp=benchmarks/target/build.stamp
built=true
for jar in benchmarks/target/benchmarks.jar dashboard-service/target/dashboard-service.jar \
           product-service/target/product-service.jar; do
  [ -f "$jar" ] || built=false
done
if [ "$built" = false ] || [ ! -f "$stamp" ] || \
   [ -n "$(find pom.xml ./*/pom.xml ./*/src/main -newer "$stamp" -print -quit 2>/dev/null)" ]; then
  echo "Building the services and the benchmark (./mvnw -DskipTests package) ..." >&2
  ./mvnw -B -q -DskipTests package -pl benchmarks -am
  touch "$stamp"
fi

exec "$JAVA_HOME/bin/java" -Xmx1g -Dbenchmarks.root="$PWD" \
  -cp "benchmarks/target/benchmarks.jar:benchmarks/target/lib/*" \
  com.example.likes.benchmarks.BenchmarkMain "$@"
