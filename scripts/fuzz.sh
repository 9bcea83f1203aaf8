#!/usr/bin/env bash
# Fuzzes sipdiag's decoders with libFuzzer and AddressSanitizer.
#   scripts/fuzz.sh [seconds] [capture|message|analysis]     (default: 300 capture)
# capture: the whole capture decoder (CaptureReader), seeded with every capture fixture and
# the capture API's JSON answers in samples/api;
# message: the SIP parser and validator (SIPMessage), seeded with the torture messages and
# the SIP text fixtures; analysis: the call analysis and every text/JSON renderer on sequences
# of SIP messages (NUL-separated), seeded with the SIPp scenarios' messages. Crashing inputs go to Fuzz/out/<target>/crashes/, the growing corpus
# to Fuzz/out/<target>/corpus/ (git-ignored).
# OPTIMIZE=-Onone keeps the standard library's bounds checks on unsafe buffer subscripts, so an
# out-of-range index inside a buffer traps instead of reading a neighbour (slower, stricter).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-300}"
target="${2:-capture}"
out="Fuzz/out/$target"
mkdir -p "$out/corpus" "$out/crashes" "$out/seeds"
case "$target" in
capture)
    module=SIPCapture
    find Tests/SIPCaptureTests/Fixtures samples -name '*.pcap' -o -name '*.pcapng' | while read -r file; do
        cp "$file" "$out/seeds/$(basename "$file")"
    done
    # The capture API's JSON answers (rows, search results, call flows) made from real calls.
    find samples/api -name '*.json' ! -name manifest.json | while read -r file; do
        cp "$file" "$out/seeds/$(basename "$file")"
    done
    # Homer text exports (Homer 7 and Homer 5 headers).
    options='OPTIONS sip:b@h SIP/2.0\r\nCall-ID: z\r\nCSeq: 1 OPTIONS\r\nContent-Length: 4\r\n\r\nbody\r\n'
    printf "proto:UDP 2024-09-27T00:00:00.123456Z  2001:db8::1:5060 ---> 10.0.0.2:5060\r\n\r\n$options" \
        > "$out/seeds/homer7.txt"
    printf "U 2019/01/23 14:59:33.5297 +0000 10.0.1.50:5080 -> 10.9.5.7:5060\r\n\r\n$options" > "$out/seeds/homer5.txt"
    ;;
message)
    module=SIPMessage
    find Tests/SIPMessageTests/Fixtures -type f ! -name '*.tsv' ! -name '*.txt' | while read -r file; do
        cp "$file" "$out/seeds/$(basename "$file")"
    done
    # Bare URIs, for the differential check of the one-pass URI reading.
    printf '%s\n' 'sip:alice@example.com' 'SIPS:+15551230@192.0.2.1:5061;transport=tls;lr' \
        'sip:198.51.100.20;maddr=a.example' 'sip:a;b@host' 'sip:a@b_c.example:0;x=' | while read -r uri; do
        printf '%s' "$uri" > "$out/seeds/uri-$(printf '%s' "$uri" | cksum | cut -d' ' -f1)"
    done
    # Bare Via values, for the differential check of the one-pass Via reading.
    printf '%s\n' 'SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-1-a;rport' \
        'SIP/2.0/tcp a.example.com;received=192.0.2.1;ttl=16, SIP/2.0/UDP b.example:5061' | while read -r via; do
        printf '%s' "$via" > "$out/seeds/via-$(printf '%s' "$via" | cksum | cut -d' ' -f1)"
    done
    ;;
analysis)
    modules=(SIPCapture SIPMessage SIPAnalysis SIPReport)
    # Seeds: the text fixtures' SIP streams, messages separated by NUL (blank-line split).
    find Tests/SIPDiagCLITests/Fixtures/text -type f | while read -r file; do
        python3 -c 'import sys; d=open(sys.argv[1],"rb").read().replace(b"\r\n",b"\n"); sys.stdout.buffer.write(b"\0".join(b"\x01"+m.replace(b"\n",b"\r\n")+b"\r\n\r\n" for m in d.split(b"\n\n\n") if m.strip()))' "$file" > "$out/seeds/$(basename "$file")"
    done
    ;;
*)
    echo "usage: scripts/fuzz.sh [seconds] [capture|message|analysis]" >&2
    exit 64
    ;;
esac
target_dir="$(tr '[:lower:]' '[:upper:]' <<< "${target:0:1}")${target:1}"
if [[ -n ${modules:-} ]]; then
    # Several modules: each compiled whole-module with the same instrumentation, then linked
    # with the entry point.
    objects=()
    for module in "${modules[@]}"; do
        swiftc "${OPTIMIZE:--O}" -sanitize=fuzzer,address -parse-as-library -wmo -module-name "$module" \
            -I "$out" -emit-module -emit-module-path "$out/$module.swiftmodule" -c "Sources/$module"/*.swift \
            -o "$out/$module.o"
        objects+=("$out/$module.o")
    done
    swiftc "${OPTIMIZE:--O}" -sanitize=fuzzer,address -parse-as-library -I "$out" \
        "Fuzz/$target_dir"/*.swift "${objects[@]}" -o "$out/fuzzer"
else
    swiftc "${OPTIMIZE:--O}" -sanitize=fuzzer,address -parse-as-library -module-name "$module" \
        "Sources/$module"/*.swift "Fuzz/$target_dir"/*.swift -o "$out/fuzzer"
fi
"$out/fuzzer" -max_total_time="$seconds" -max_len=262144 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$out/crashes/" -print_final_stats=1 "$out/corpus" "$out/seeds"
