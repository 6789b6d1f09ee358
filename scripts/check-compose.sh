#!/usr/bin/env bash
# Validates docker-compose.yml without a Docker engine: `docker compose config` when the plugin is there,
# otherwise Debian's docker-compose 1.29 unpacked into a scratch folder (needs apt-get and python3).
set -euo pipefail
cd "$(dirname "$0")/.."

if docker compose version >/dev/null 2>&1; then
  docker compose -f docker-compose.yml config --quiet
  echo "docker-compose.yml: valid (docker compose config)"
  exit 0
fi

tools=.ci/.tools/docker-compose
if [ ! -x "$tools/root/usr/bin/docker-compose" ]; then
  mkdir -p "$tools"
  (cd "$tools" && apt-get download -qq docker-compose python3-docker python3-dockerpty python3-docopt \
      python3-texttable python3-dotenv python3-jsonschema python3-websocket python3-yaml python3-requests \
      python3-attr python3-pyrsistent python3-urllib3 python3-idna python3-certifi python3-chardet \
      python3-charset-normalizer python3-six 2>/dev/null \
    && for deb in ./*.deb; do dpkg -x "$deb" root; done) || true
fi
if [ ! -x "$tools/root/usr/bin/docker-compose" ]; then
  echo "docker-compose.yml: not checked (neither docker compose nor Debian's docker-compose package available)"
  exit 0
fi
PYTHONPATH="$tools/root/usr/lib/python3/dist-packages" /usr/bin/python3 "$tools/root/usr/bin/docker-compose" \
  -f docker-compose.yml config --quiet
echo "docker-compose.yml: valid (docker-compose $(PYTHONPATH="$tools/root/usr/lib/python3/dist-packages" \
  /usr/bin/python3 "$tools/root/usr/bin/docker-compose" version --short))"
