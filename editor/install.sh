#!/usr/bin/env bash
# Install the web editor's tools into editor/ (run by `make editor-install` and .ci/run):
# - decap-server, the local backend of `make editor`, from package-lock.json (npm ci);
# - the prebuilt Decap CMS bundle (decap-cms.js, its chunks and wasm files, no source maps)
#   into vendor/decap-cms/, taken with `npm pack` from the exact version pinned in
#   package.json ("policykit.bundle") and checked against the pinned sha512 checksum.
# Both are git-ignored; a build copies the bundle into the site only when the editor is on.
set -euo pipefail
cd "$(dirname "$0")"
command -v npm >/dev/null || { echo "npm is missing — install Node.js and npm (apt-get install npm)" >&2; exit 1; }
pinned() { node -p "require('./package.json').policykit.bundle.$1"; }
version=$(pinned version)
integrity=$(pinned integrity)
vendor=vendor/decap-cms

if [ ! -x node_modules/.bin/decap-server ]; then
  echo "== npm ci in editor/ (decap-server)"
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
fi

if [ "$(cat "$vendor/VERSION" 2>/dev/null)" != "$version" ]; then
  echo "== decap-cms $version into editor/$vendor"
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  (cd "$tmp" && npm pack "decap-cms@$version" --silent --loglevel=error >/dev/null)
  tarball="$tmp/decap-cms-$version.tgz"
  actual=$(node -e 'const c = require("crypto"), fs = require("fs");
    process.stdout.write("sha512-" + c.createHash("sha512").update(fs.readFileSync(process.argv[1])).digest("base64"))' "$tarball")
  if [ "$actual" != "$integrity" ]; then
    echo "decap-cms-$version.tgz has checksum $actual, not the pinned $integrity — refusing to install it" >&2
    exit 1
  fi
  tar -xzf "$tarball" -C "$tmp" package/dist package/LICENSE 2>/dev/null \
    || tar -xzf "$tarball" -C "$tmp" package/dist
  rm -rf "$vendor"
  mkdir -p "$vendor"
  cp "$tmp"/package/dist/decap-cms.js "$tmp"/package/dist/*.decap-cms.js "$tmp"/package/dist/*.wasm \
     "$tmp"/package/dist/decap-cms.js.LICENSE.txt "$vendor"/
  echo "$version" > "$vendor/VERSION"
fi
echo "editor/: decap-server $(node -p "require('./node_modules/decap-server/package.json').version"), decap-cms $(cat "$vendor/VERSION") ($(du -sh "$vendor" | cut -f1))"
