#!/usr/bin/env bash
# Keeps scripts/new-service alive (CI runs it): generates a throwaway service from the template in a scratch copy of
# this working tree, then builds it and runs its tests there: the formatter check, unit, REST and gRPC tests over
# real ports on embedded PostgreSQL, the architecture test, and its end-to-end check against the whole stack started
# as processes (three services). buf lint too when BUF names a buf executable. The copy is removed afterwards;
# nothing here changes. It takes minutes: run it after a full build.
#   scripts/check-new-service.sh [NAME]     (default: inventory)
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:-inventory}
Name="$(echo "${name:0:1}" | tr '[:lower:]' '[:upper:]')${name:1}"

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
# The working tree as it is (tracked and new files, not what .gitignore leaves out), so that an uncommitted change
# to the template is what gets checked.
git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' file; do
  [ -e "$file" ] && printf '%s\0' "$file"
done | tar --null -T - -cf - | tar -xf - -C "$scratch"
cd "$scratch"

scripts/new-service "$name" >new-service.out || { cat new-service.out; exit 1; }
echo "check-new-service: generated $name-service in a scratch copy"
. scripts/java-home.sh
if [ -n "${BUF:-}" ]; then
  # buf/validate/validate.proto, which the contract imports, from the protovalidate jar (see shared-protos/buf.yaml).
  ./mvnw -B -ntp -q -pl shared-protos generate-sources
  "$BUF" lint shared-protos
  echo "check-new-service: buf lint clean with $name.v1"
fi

# Only the new service's tests and its e2e check; the modules it builds on are compiled, their tests ran elsewhere.
./mvnw -B -ntp -pl "$name-service,e2e-tests" -am verify \
  -Dtest="com.example.likes.$name.**" -Dsurefire.failIfNoSpecifiedTests=false -Dit.test="${Name}ServiceIT"
echo "check-new-service: $name-service generated, built and tested"
