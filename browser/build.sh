#!/bin/sh
# Rebuild the vendored query engine and editor of the site (see README.md in this folder).
# Needs node and npm with access to the npm registry; the result is committed, so nothing at
# run time (make run, the tests, a reader of the site) needs node.
set -eu
cd "$(dirname "$0")"
OUT=../rdzl_graph/site/vendor
npm ci --no-audit --no-fund
rm -rf build && mkdir build
# The WebAssembly binary, gzip-compressed without name or time stamp (same bytes on every run).
gzip -9 -n -c node_modules/oxigraph/web_bg.wasm > build/web_bg.wasm.gz
node_modules/.bin/esbuild entry.js --bundle --format=iife --minify --legal-comments=none \
  --target=es2020 --loader:.gz=binary --log-override:empty-import-meta=silent \
  --outfile=build/rdzl-browser.js --metafile=build/meta.json
mkdir -p "$OUT"
rm -f "$OUT"/rdzl-browser.js "$OUT"/rdzl-browser.css "$OUT"/LICENSE-*.txt "$OUT"/VERSIONS.txt
cp build/rdzl-browser.js build/rdzl-browser.css "$OUT"/
node licenses.js "$OUT"
echo "written: $(cd "$OUT" && ls)"
