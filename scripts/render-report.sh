#!/usr/bin/env bash
# Renders `sipdiag report` pages the way a support engineer sees them: headless Chromium
# (Debian package chromium) opens each HTML report and takes screenshots, to look at by eye.
#   - samples/failures/not-whitelisted.pcap checked against samples/account.json,
#   - samples/secrets/call-with-credentials.pcap with --redact-pii (markers and stand-ins),
# each as the top of the page, and as the ladder with a message opened by a click on an arrow.
# It also checks that the page is whole: Chromium's DOM of the page must hold the ladder, the
# findings and the redaction sections.
#
# Usage: scripts/render-report.sh [output directory]   (default: .build/render-report)
#   COPY_TO=docs/images copies the screenshots the README shows there.
# Needs root (or chromium already installed) for apt-get.
set -euo pipefail

cd "$(dirname "$0")/.."
out="${1:-.build/render-report}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

if ! command -v chromium >/dev/null 2>&1; then
    echo "installing chromium" >&2
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
fi

swift build --product sipdiag
sipdiag="$(swift build --show-bin-path)/sipdiag"
rm -f "$out"/*.html "$out"/*.png "$out"/chromium.log

"$sipdiag" report samples/failures/not-whitelisted.pcap --account samples/account.json \
    --fixed-time 2026-01-01T00:00:00Z -o "$out/not-whitelisted.html"
"$sipdiag" report samples/secrets/call-with-credentials.pcap --redact-pii \
    --fixed-time 2026-01-01T00:00:00Z -o "$out/secrets-redacted.html"

status=0
# shot URL PNG HEIGHT: a 1400-pixel-wide screenshot. --virtual-time-budget lets the page's script
# run first; Chromium prints harmless D-Bus and GPU warnings on stderr in containers.
shot() {
    rm -f "$2"
    chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --virtual-time-budget=2000 \
        --window-size="1400,$3" --screenshot="$2" "$1" 2>>"$out/chromium.log" || true
    if [ ! -s "$2" ]; then
        echo "chromium did not render $1 (see $out/chromium.log)" >&2
        status=1
    fi
}

for file in "$out"/*.html; do
    name="$(basename "$file" .html)"
    shot "file://$file" "$out/$name.png" 1600
    # The ladder with a message opened: a copy without the sections above the ladder (headless
    # screenshots of a scrolled page come out blank) that clicks the third arrow.
    clicked="$out/$name-clicked.tmp.html"
    sed -e 's|</head>|<style>#summary, #redaction, #findings, #timing, #notes { display: none; }</style></head>|' \
        -e 's|</body>|<script>var a = document.querySelectorAll("svg.ladder a"); var n = a[Math.min(2, a.length - 1)]; n.dispatchEvent(new MouseEvent("click", {bubbles: true, cancelable: true}));</script></body>|' \
        "$file" >"$clicked"
    shot "file://$clicked" "$out/$name-clicked.png" 1000
    rm -f "$clicked"
    dom="$(chromium --headless --no-sandbox --disable-gpu --virtual-time-budget=2000 --dump-dom \
        "file://$file" 2>>"$out/chromium.log")"
    for section in summary redaction findings timing ladder messages; do
        if ! grep -q "<section id=\"$section\">" <<<"$dom"; then
            echo "$name.html: Chromium's page has no $section section" >&2
            status=1
        fi
    done
done

if [ -n "${COPY_TO:-}" ]; then
    mkdir -p "$COPY_TO"
    cp "$out/secrets-redacted.png" "$COPY_TO/report-redacted.png"
    cp "$out/secrets-redacted-clicked.png" "$COPY_TO/report-redacted-ladder.png"
fi
ls -l "$out"/*.png
exit "$status"
