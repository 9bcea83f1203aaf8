#!/usr/bin/env bash
# Renders sipdiag's ladders and reports the way people will see them, to look at by eye:
#   - the SVG ladder and the HTML report in headless Chromium (screenshots),
#   - the PlantUML diagram with PlantUML itself (which must report no syntax error).
# Mermaid's official renderer (mermaid-cli, `mmdc`) comes from npm, and npm cannot reach its
# registry here, so the Mermaid text is not drawn: Tests/SIPReportTests/MermaidRendererTests.swift
# checks the syntax rules it relies on instead (participant aliases, arrows, entity codes).
#
# The inputs come from RenderCheckTests (Tests/SIPReportTests), which writes them when
# SIPDIAG_RENDER_DIR is set: samples/call-udp.pcap (first call, and all calls) and a hand-made
# hostile call (markup and diagram syntax in every text, forking, a retransmission, a loop).
#
# Usage: scripts/render-check.sh [output directory]   (default: .build/render-check)
# Needs root (or the tools already installed) for apt-get.
set -euo pipefail

cd "$(dirname "$0")/.."
out="${1:-.build/render-check}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v plantuml >/dev/null 2>&1 || missing+=(plantuml)
if [ "${#missing[@]}" -gt 0 ]; then
    echo "installing ${missing[*]}" >&2
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
fi

rm -f "$out"/*.svg "$out"/*.html "$out"/*.log "$out"/*.mmd "$out"/*.puml "$out"/*.png
SIPDIAG_RENDER_DIR="$out" swift test -j 2 --filter RenderCheckTests

status=0
shopt -s nullglob

# shot URL PNG: a 1400x1000 screenshot. --virtual-time-budget lets the page's script run first;
# Chromium prints harmless D-Bus and GPU warnings on stderr in containers.
shot() {
    rm -f "$2"
    chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --virtual-time-budget=2000 \
        --window-size=1400,1000 --screenshot="$2" "$1" 2>>"$out/chromium.log" || true
    if [ ! -s "$2" ]; then
        echo "chromium did not render $1 (see $out/chromium.log)" >&2
        status=1
    fi
}

for file in "$out"/*.svg; do
    name="$(basename "$file" .svg)"
    shot "file://$file" "$out/$name-svg.png"
done
for file in "$out"/*.html; do
    name="$(basename "$file" .html)"
    shot "file://$file" "$out/$name-html.png"
    # The ladder and the message panel after a click on an arrow: a copy of the page without the
    # sections above the ladder (headless screenshots of a scrolled page come out blank) and
    # with a script that clicks the sixth arrow (or the last, if fewer) like a reader would.
    clicked="$out/$name-clicked.tmp.html"
    sed -e 's|</head>|<style>#summary, #findings, #timing, #notes { display: none; }</style></head>|' \
        -e 's|</body>|<script>var a = document.querySelectorAll("svg.ladder a"); var n = a[Math.min(5, a.length - 1)]; n.dispatchEvent(new MouseEvent("click", {bubbles: true, cancelable: true}));</script></body>|' \
        "$file" >"$clicked"
    shot "file://$clicked" "$out/$name-html-clicked.png"
    rm -f "$clicked"
    # The script: opening the page at #msg-N must select that arrow and fill the panel.
    first="$(grep -o 'id="msg-[0-9]*"' "$file" | head -n 1 | sed 's/id="\(.*\)"/\1/')"
    if [ -n "$first" ]; then
        dom="$(chromium --headless --no-sandbox --disable-gpu --virtual-time-budget=2000 --dump-dom \
            "file://$file#$first" 2>>"$out/chromium.log")"
        if ! grep -q "id=\"ladder-$first\" class=\"[^\"]* selected\"" <<<"$dom" \
            || grep -q '<pre id="viewer-text">Click an arrow' <<<"$dom"; then
            echo "$name.html: opening #$first did not select the arrow and show the message" >&2
            status=1
        fi
    fi
done

for file in "$out"/*.puml; do
    # -failfast2 checks the syntax first; PlantUML also draws errors into the image and says
    # "Error line N" or throws, so its output is checked too.
    log="$out/$(basename "${file%.puml}")-plantuml.log"
    if ! plantuml -tpng -failfast2 "$file" >"$log" 2>&1 || grep -qiE "error|exception" "$log"; then
        echo "plantuml failed on $(basename "$file"):" >&2
        cat "$log" >&2
        status=1
    fi
done

ls -l "$out"/*.png
exit "$status"
