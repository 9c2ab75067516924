#!/usr/bin/env bash
# Rebuild the browser files this project vendors, from the versions pinned in vendor/package.json and
# vendor/package-lock.json (npm ci; the npm registry is the only thing it reaches):
#   assets/vendor/plotly-partial.min.js   plotly.js (MIT) with only the traces the app draws (vendor/plotly-partial.js),
#                                         served by app.py where dcc.Graph asks for plotly.js
#   assets/vendor/regenerator-runtime.js  regenerator-runtime (MIT), the one part of Dash's babel polyfill its scripts
#                                         use, put in the polyfill's place in every page (layouts/shell.py)
#   tests/browser/vendor/axe.min.js       axe-core (MPL-2.0), injected by the browser tests' accessibility check
# The outputs are committed: running the app or the tests needs no npm.
set -euo pipefail
cd "$(dirname "$0")/../vendor"
npm ci --no-audit --no-fund --loglevel=error
version=$(node -p 'require("plotly.js/package.json").version')
node_modules/.bin/esbuild plotly-partial.js --bundle --minify --format=iife --global-name=Plotly --define:global=window \
  --loader:.css=empty --legal-comments=eof --log-level=warning \
  --banner:js="/* plotly.js v${version} partial bundle (core, bar, choropleth, scattergeo): MIT licence, Copyright Plotly, Inc. Built by scripts/build-vendor.sh from vendor/plotly-partial.js. */" \
  --outfile=../assets/vendor/plotly-partial.min.js
cp node_modules/regenerator-runtime/runtime.js ../assets/vendor/regenerator-runtime.js
mkdir -p ../tests/browser/vendor
cp node_modules/axe-core/axe.min.js ../tests/browser/vendor/axe.min.js
cp node_modules/axe-core/LICENSE ../tests/browser/vendor/axe-core-LICENSE.txt
echo "built assets/vendor/plotly-partial.min.js (plotly.js ${version}), assets/vendor/regenerator-runtime.js and tests/browser/vendor/axe.min.js (axe-core $(node -p 'require("axe-core/package.json").version'))"
