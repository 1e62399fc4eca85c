#!/usr/bin/env bash
# Builds the optional faiss-node addon from its npm tarball against Debian's
# libfaiss-dev (faiss 1.7.3) into node_modules/faiss-node. Its own install
# script downloads a prebuilt binary or clones faiss from GitHub, which cannot
# work here (see ../shared/NOTES.md). Safe to run again: it does nothing when
# faiss-node already loads.
#
#   apt-get install libfaiss-dev && scripts/build-faiss-node.sh
set -euo pipefail
cd "$(dirname "$0")/.."

FAISS_NODE_VERSION=0.5.1   # the version pinned in package.json's optionalDependencies
NODE_ADDON_API_VERSION=6   # faiss-node 0.5.1 is written against node-addon-api 6
TARGET=node_modules/faiss-node

loads() { node -e "new (require('faiss-node').IndexFlatIP)(2)" >/dev/null 2>&1; }

if loads; then
  echo "faiss-node is already built and loads; nothing to do."
  exit 0
fi
if [ ! -f /usr/include/faiss/IndexFlat.h ]; then
  echo "faiss headers are missing: install Debian's libfaiss-dev (apt-get install libfaiss-dev) first." >&2
  exit 1
fi
[ -d node_modules ] || { echo "node_modules is missing: run npm ci first." >&2; exit 1; }

# The standalone node-gyp from the registry crashes on Node 20; the copy bundled with npm works.
NODE_GYP="$(npm prefix -g)/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js"
[ -f "$NODE_GYP" ] || { echo "node-gyp bundled with npm not found at $NODE_GYP" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "faiss-node@$FAISS_NODE_VERSION" "node-addon-api@$NODE_ADDON_API_VERSION" >/dev/null)
mkdir -p "$work/faiss-node" "$work/node-addon-api"
tar -xzf "$work"/faiss-node-*.tgz -C "$work/faiss-node" --strip-components=1
tar -xzf "$work"/node-addon-api-*.tgz -C "$work/node-addon-api" --strip-components=1

rm -rf "$TARGET"
mkdir -p "$TARGET/build-support"
cp -r "$work/faiss-node/." "$TARGET/"
cp -r "$work/node-addon-api" "$TARGET/build-support/node-addon-api"

# faiss 1.7.3 declares idx_t as faiss::Index::idx_t only; faiss-node 0.5.1 expects faiss::idx_t.
cat >"$TARGET/build-support/faiss-idx-t.h" <<'EOF'
#pragma once
#include <cstdint>
namespace faiss { using idx_t = int64_t; }
EOF

# -lblas -llapack: Debian ships faiss as a static library whose CMake config links them.
cat >"$TARGET/binding.gyp" <<'EOF'
{
  "targets": [{
    "target_name": "faiss-node",
    "sources": ["src/faiss.cc"],
    "include_dirs": ["build-support/node-addon-api"],
    "defines": ["NAPI_VERSION=6", "NAPI_CPP_EXCEPTIONS"],
    "cflags_cc!": ["-fno-exceptions", "-std=gnu++17", "-std=gnu++20"],
    "cflags_cc": ["-std=c++17", "-fexceptions", "-Wno-unused-but-set-variable", "-include", "<(module_root_dir)/build-support/faiss-idx-t.h"],
    "libraries": ["-lfaiss", "-lgomp", "-lblas", "-llapack"]
  }]
}
EOF

(cd "$TARGET" && node "$NODE_GYP" rebuild --nodedir=/usr --loglevel=warn)

if ! loads; then
  echo "faiss-node was built but does not load; see the output above." >&2
  exit 1
fi
echo "faiss-node $FAISS_NODE_VERSION built against Debian's libfaiss-dev."
