#!/bin/sh
# Runs Node.js 24 (the project's runtime): the system node when it is new enough, otherwise
# the project-local copy that infra/setup.sh installs into .tools/node. Every npm script,
# test and the server go through this file.
ROOT=$(cd "$(dirname "$0")/.." && pwd)
if [ -x "$ROOT/.tools/node/bin/node" ]; then
  NODE="$ROOT/.tools/node/bin/node"
elif command -v node >/dev/null 2>&1 && [ "$(node -p 'process.versions.node.split(".")[0]')" -ge 24 ]; then
  NODE=$(command -v node)
else
  echo "Node.js 24 is missing: run infra/setup.sh first (./etapiste test or ./etapiste start do it)" >&2
  exit 1
fi
PATH="$(dirname "$NODE"):$PATH"
export PATH
exec "$NODE" --disable-warning=ExperimentalWarning "$@"
