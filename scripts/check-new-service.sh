#!/usr/bin/env bash
# Keeps scripts/new-service and scripts/new-client alive (CI runs it). In a scratch copy of this working tree it
# replays the guide's two steps (docs/adding-a-service.md):
#   1. a method added to an existing service for a new caller: check-new-service/dashboard-get-product.patch gives the
#      dashboard GetProduct (contract, implementation, test), as a person would write it;
#   2. a new service that calls it: scripts/new-service NAME --calls dashboard.v1.ProductService/GetProduct.
# Then it builds and tests them there: the formatter check; the dashboard's new method, its grants and its architecture
# test; the new service's unit, REST and gRPC tests over real ports on embedded PostgreSQL, its generated client
# against a fake dashboard, its architecture test; its end-to-end check and the bad-input suite against the whole
# stack started as processes (three services), which calls GetProduct with the new service's key. On the way, a
# message renamed in a .proto must build without `clean`. buf lint too when BUF names a buf executable. The copy is
# removed afterwards; nothing here changes. It takes minutes: run it after a full build.
#   scripts/check-new-service.sh [NAME]     (default: inventory)
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:-inventory}
Name="$(echo "${name:0:1}" | tr '[:lower:]' '[:upper:]')${name:1}"
started=$SECONDS
step() { echo "check-new-service: $* ($((SECONDS - started)) s)"; }

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
# The working tree as it is (tracked and new files, not what .gitignore leaves out), so that an uncommitted change
# to the template is what gets checked.
git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' file; do
  [ -e "$file" ] && printf '%s\0' "$file"
done | tar --null -T - -cf - | tar -xf - -C "$scratch"
cd "$scratch"

git apply scripts/check-new-service/dashboard-get-product.patch
scripts/new-service "$name" --calls dashboard.v1.ProductService/GetProduct >new-service.out || { cat new-service.out; exit 1; }
step "added GetProduct to the dashboard, generated $name-service calling it"
. scripts/java-home.sh
# A message that is renamed after its classes were generated: the build below compiles the contract again, and fails
# on the old message's stale classes unless generation starts from an empty folder.
proto=shared-protos/src/main/proto/$name/v1/$name.proto
printf '\n// Renamed before the next build, which must not need clean.\nmessage StaleSourcesProbe {\n  // Any field.\n  string id = 1;\n}\n' >>"$proto"
# (This also unpacks buf/validate/validate.proto, which the contract imports, from the protovalidate jar: buf.yaml.)
./mvnw -B -q -ntp -pl shared-protos compile
if [ -n "${BUF:-}" ]; then
  "$BUF" lint shared-protos
  step "buf lint clean with GetProduct and $name.v1"
fi
sed -i 's/message StaleSourcesProbe/message RenamedStaleSourcesProbe/' "$proto"
step "generated a message's classes, then renamed it"

# The callee's new method with the tests that see every method (grants, operations, architecture); the new service's
# tests; its end-to-end check and the bad-input suite. The modules they build on are compiled, their tests ran elsewhere.
./mvnw -B -ntp -pl "dashboard-service,$name-service,e2e-tests" -am verify \
  -Dtest="GetProductGrpcTest,GrpcAuthenticationTest,OperationsTest,ArchitectureTest,com.example.likes.$name.**" \
  -Dsurefire.failIfNoSpecifiedTests=false -Dit.test="${Name}ServiceIT,BadInputFuzzIT" -Dfuzz.tries=60
step "dashboard-service with GetProduct and $name-service calling it: built and tested, end to end included"
