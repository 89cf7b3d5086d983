#!/usr/bin/env bash
# Vendor the Danish design system (DKFDS, npm package `dkfds`) into the app's static folder,
# and axe-core's axe.min.js into the browser tests. The results are committed, so running
# the app or its tests needs no npm; this script only reproduces them (needs npm and the
# npm registry). Only the files the compiled CSS refers to are copied: no source maps, no
# other themes, no SCSS.
#
#     scripts/vendor_dkfds.sh            # the versions below
#     DKFDS_VERSION=11.2.0 AXE_VERSION=4.14.1 scripts/vendor_dkfds.sh
set -euo pipefail

DKFDS_VERSION="${DKFDS_VERSION:-11.2.0}"
AXE_VERSION="${AXE_VERSION:-4.14.1}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
STATIC="$ROOT/src/socialstyring/web/static/dkfds"
AXE_DIR="$ROOT/tests/browser/axe"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent "dkfds@$DKFDS_VERSION" "axe-core@$AXE_VERSION" >/dev/null
mkdir dkfds axe
tar xzf "dkfds-$DKFDS_VERSION.tgz" -C dkfds --strip-components=1
tar xzf "axe-core-$AXE_VERSION.tgz" -C axe --strip-components=1

dist="$work/dkfds/dist"
rm -rf "$STATIC"
mkdir -p "$STATIC/css" "$STATIC/img"
cp "$dist/css/dkfds.min.css" "$STATIC/css/"
# Drop the source-map comment: the map is not shipped.
sed -i 's#/\*\# sourceMappingURL=[^*]*\*/##' "$STATIC/css/dkfds.min.css"
# Every font and image the stylesheet names (url(../fonts/…), url(../img/…)), and no other.
grep -o 'url([^)]*)' "$STATIC/css/dkfds.min.css" | sed -E 's/^url\(["'\'']?\.\.\/([^?#"'\'')]*).*$/\1/' |
    sort -u | while read -r file; do
        [ -f "$dist/$file" ] || continue
        mkdir -p "$STATIC/$(dirname "$file")"
        cp "$dist/$file" "$STATIC/$file"
    done
# The icon sprite, for <svg><use href="…/all-svg-icons.svg#name"></svg> in the templates.
cp "$dist/img/all-svg-icons.svg" "$STATIC/img/"
cp "$work/dkfds/LICENSE.md" "$STATIC/LICENSE.md"
cp "$dist/fonts/IBMPlexSans/complete/woff2/license.txt" "$STATIC/fonts/IBMPlexSans/LICENSE-OFL.txt"
cat >"$STATIC/NOTICE.md" <<EOF
# DKFDS — Det Fælles Designsystem

Vendored from the npm package \`dkfds\` version $DKFDS_VERSION by \`scripts/vendor_dkfds.sh\`
(the compiled \`dist/css/dkfds.min.css\`, the fonts and icons it refers to, and the icon
sprite). The app serves these files itself; no CDN.

Licences (see \`LICENSE.md\`): the design system is MIT (Copyright 2021 Danish Business
Authority & Danish Agency for Digitisation); the IBM Plex Sans fonts are under the SIL Open
Font License 1.1 (\`fonts/IBMPlexSans/LICENSE-OFL.txt\`); the icons are under the Apache
License 2.0 (Material Symbols, Pictogrammers).
EOF

rm -rf "$AXE_DIR"
mkdir -p "$AXE_DIR"
cp "$work/axe/axe.min.js" "$work/axe/LICENSE" "$AXE_DIR/"
cat >"$AXE_DIR/NOTICE.md" <<EOF
# axe-core

\`axe.min.js\` is axe-core version $AXE_VERSION (npm package \`axe-core\`), vendored by
\`scripts/vendor_dkfds.sh\` for the accessibility checks of the browser tests
(\`tests/browser/accessibility.py\`). Licence: Mozilla Public License 2.0 (\`LICENSE\`),
Copyright (c) Deque Systems, Inc. It is used only by the tests, never served by the app.
EOF

du -sh "$STATIC" "$AXE_DIR"
