#!/usr/bin/env bash
# Fuzzes the capture decoder with libFuzzer and AddressSanitizer, seeded with every capture
# fixture. Usage: scripts/fuzz.sh [seconds] (default 300). Crashing inputs are written to
# Fuzz/out/crashes/; the growing corpus to Fuzz/out/corpus/ (both git-ignored).
# OPTIMIZE=-Onone keeps the standard library's bounds checks on unsafe buffer subscripts, so an
# out-of-range index inside a buffer traps instead of reading a neighbour (slower, stricter).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-300}"
out=Fuzz/out
mkdir -p "$out/corpus" "$out/crashes" "$out/seeds"
find Tests/SIPCaptureTests/Fixtures samples -name '*.pcap' -o -name '*.pcapng' | while read -r file; do
    cp "$file" "$out/seeds/$(basename "$file")"
done
swiftc "${OPTIMIZE:--O}" -sanitize=fuzzer,address -parse-as-library -module-name SIPCapture \
    Sources/SIPCapture/*.swift Fuzz/CaptureReaderFuzzer.swift -o "$out/capture-fuzzer"
"$out/capture-fuzzer" -max_total_time="$seconds" -max_len=262144 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$out/crashes/" -print_final_stats=1 "$out/corpus" "$out/seeds"
