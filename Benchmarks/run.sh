#!/usr/bin/env bash
# Decoding benchmark: sipdiag against tshark and sngrep on the same synthetic capture.
#
#   Benchmarks/run.sh            (also the SIP parser: sipdiag-parsebench)
#                                (CALLS=40000 RUNS=3 TIMEOUT=300 SIPDIAG=path to override;
#                                 LARGE_CALLS=210000 adds a ~1 GB capture to the linearity table;
#                                 REPORT_CALLS=2000 sizes the capture `sipdiag report` is timed on)
#
# 1. Builds sipdiag and sipdiag-benchgen in release mode.
# 2. Generates Benchmarks/out/bench.pcap (CALLS calls, about 190 MB) and a quarter-size
#    bench-quarter.pcap, unless they exist (Benchmarks/out/ is git-ignored; delete the
#    files to regenerate, e.g. after changing the generator or the writer).
# 3. Times `sipdiag messages --format jsonl` and `sipdiag calls --format json` on both (best of
#    RUNS: wall time, MB/s, messages/s, peak RSS), then tshark and sngrep on the full file when
#    installed.
# 4. Prints Markdown tables ready for README.md, also saved to Benchmarks/out/results.md.
#
# Runs in about 3 minutes on 2 cores once built, most of it in tshark.
set -euo pipefail

cd "$(dirname "$0")/.."
OUT=Benchmarks/out
CALLS=${CALLS:-40000}
RUNS=${RUNS:-3}
TIMEOUT=${TIMEOUT:-300}
MEASURE=(python3 Benchmarks/measure.py run --runs "$RUNS" --timeout "$TIMEOUT")
mkdir -p "$OUT"

echo "== Building (release)" >&2
swift build -c release -j 2 --product sipdiag >&2
swift build -c release -j 2 --product sipdiag-benchgen >&2
swift build -c release -j 2 --product sipdiag-parsebench >&2
BIN=$(swift build -c release --show-bin-path)
SIPDIAG=${SIPDIAG:-$BIN/sipdiag}

# Generates $1 with $2 calls unless it exists; its summary goes to $1.txt.
generate() {
    local file=$1 calls=$2
    if [[ ! -s "$file" || ! -s "$file.txt" ]]; then
        echo "== Generating $file ($calls calls)" >&2
        "$BIN/sipdiag-benchgen" --output "$file" --calls "$calls" > "$file.txt"
    fi
    cat "$file.txt" >&2
}
# The number of SIP messages the generator wrote into $1.
messages_in() {
    awk '/messages:/ { print $2 }' "$1.txt"
}

generate "$OUT/bench.pcap" "$CALLS"
generate "$OUT/bench-quarter.pcap" $((CALLS / 4))
LARGE_CALLS=${LARGE_CALLS:-0}
sizes=(bench bench-quarter)
if (( LARGE_CALLS > 0 )); then
    generate "$OUT/bench-large.pcap" "$LARGE_CALLS"
    sizes+=(bench-large)
fi

# Fail clearly while `sipdiag messages` does not exist yet (or cannot read the capture):
# it must print one JSON line per message of a small sample.
echo "== Checking sipdiag messages --format jsonl" >&2
"$BIN/sipdiag-benchgen" --output "$OUT/check.pcap" --calls 20 --seed 3 > "$OUT/check.pcap.txt"
expected=$(messages_in "$OUT/check.pcap")
if ! printed=$("$SIPDIAG" messages --format jsonl "$OUT/check.pcap" 2>"$OUT/check.err" | wc -l) \
    || [[ "$printed" -eq 0 ]]; then
    echo "error: '$SIPDIAG messages --format jsonl FILE' printed nothing or failed:" >&2
    head -n 5 "$OUT/check.err" >&2
    echo "The messages command is required for this benchmark." >&2
    exit 69
fi
if [[ "$printed" -ne "$expected" ]]; then
    echo "warning: sipdiag printed $printed JSON lines for $expected messages in check.pcap" >&2
fi

RESULTS="$OUT/results.jsonl"
: > "$RESULTS"

for size in "${sizes[@]}"; do
    name="sipdiag"
    [[ $size == bench-quarter ]] && name="sipdiag (1/4)"
    [[ $size == bench-large ]] && name="sipdiag (large)"
    echo "== $name: $size.pcap" >&2
    "${MEASURE[@]}" --name "$name" --command-text "sipdiag messages --format jsonl FILE > /dev/null" \
        --file "$OUT/$size.pcap" --messages "$(messages_in "$OUT/$size.pcap")" \
        -- "$SIPDIAG" messages --format jsonl "$OUT/$size.pcap" >> "$RESULTS"
done

# Call analysis: `calls` must stay within 2x of the pure decode above, with memory that grows
# with calls (per-call summaries), not with message bytes.
for size in "${sizes[@]}"; do
    name="sipdiag calls"
    [[ $size == bench-quarter ]] && name="sipdiag calls (1/4)"
    [[ $size == bench-large ]] && name="sipdiag calls (large)"
    echo "== $name: $size.pcap" >&2
    "${MEASURE[@]}" --name "$name" --command-text "sipdiag calls --format json FILE > /dev/null" \
        --file "$OUT/$size.pcap" --messages "$(messages_in "$OUT/$size.pcap")" \
        -- "$SIPDIAG" calls --format json "$OUT/$size.pcap" >> "$RESULTS"
done

# Support-ticket reports: a whole capture of REPORT_CALLS calls (every message in the HTML,
# Markdown and zip, redacted), with and without --redact-pii. A report is meant for a call and
# its legs; the whole capture shows what the redaction and the renderers cost per MB.
REPORT_CALLS=${REPORT_CALLS:-2000}
generate "$OUT/bench-report.pcap" "$REPORT_CALLS"
for pii in "" "--redact-pii"; do
    name="sipdiag report${pii:+ $pii}"
    echo "== $name: bench-report.pcap" >&2
    "${MEASURE[@]}" --name "$name" --command-text "sipdiag report FILE ${pii:+$pii }-o report.zip" \
        --file "$OUT/bench-report.pcap" --messages "$(messages_in "$OUT/bench-report.pcap")" \
        -- "$SIPDIAG" report "$OUT/bench-report.pcap" $pii --fixed-time 0 -o "$OUT/report.zip" >> "$RESULTS"
done
# The everyday use: one call out of the capture.
one_call=$("$SIPDIAG" calls --format json "$OUT/bench-report.pcap" \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["calls"][5]["callId"])')
echo "== sipdiag report --call-id: bench-report.pcap" >&2
"${MEASURE[@]}" --name "sipdiag report --call-id" \
    --command-text "sipdiag report FILE --call-id ID --redact-pii -o call.zip" \
    --file "$OUT/bench-report.pcap" --messages "$(messages_in "$OUT/bench-report.pcap")" \
    -- "$SIPDIAG" report "$OUT/bench-report.pcap" --call-id "$one_call" --redact-pii --fixed-time 0 \
    -o "$OUT/call.zip" >> "$RESULTS"

if command -v tshark > /dev/null; then
    version=$(tshark --version | head -n 1 | awk '{ print $3 }')
    echo "== tshark $version" >&2
    "${MEASURE[@]}" --name "tshark $version" \
        --command-text "tshark -o tcp.desegment_tcp_streams:TRUE -r FILE -Y sip -T fields -e frame.number" \
        --file "$OUT/bench.pcap" --messages "$(messages_in "$OUT/bench.pcap")" \
        --note "full dissection of every frame" \
        -- tshark -o tcp.desegment_tcp_streams:TRUE -r "$OUT/bench.pcap" -Y sip -T fields -e frame.number \
        >> "$RESULTS"
else
    echo "== tshark not installed: skipped" >&2
fi

if command -v sngrep > /dev/null; then
    version=$(sngrep -V 2>/dev/null | head -n 1 | awk '{ print $3 }')
    echo "== sngrep $version" >&2
    # -N: no interface, exits at the end of the file; -l: lift the default limit of 20000
    # dialogs, past which sngrep stops storing new ones.
    "${MEASURE[@]}" --name "sngrep $version" --command-text "sngrep -N -l 1000000 -I FILE" \
        --file "$OUT/bench.pcap" --messages "$(messages_in "$OUT/bench.pcap")" \
        --stdout "$OUT/sngrep.out" \
        -- sngrep -N -l 1000000 -I "$OUT/bench.pcap" > "$OUT/sngrep.jsonl"
    dialogs=$(tr '\r' '\n' < "$OUT/sngrep.out" | awk '/Dialog count/ { count = $3 } END { print count }')
    python3 - "$OUT/sngrep.jsonl" "$dialogs" >> "$RESULTS" <<'PYTHON'
import json, sys
result = json.load(open(sys.argv[1]))
result["note"] = "keeps every dialog in memory; counted %s dialogs" % sys.argv[2]
print(json.dumps(result))
PYTHON
else
    echo "== sngrep not installed: skipped" >&2
fi

{
    echo "Capture: \`sipdiag-benchgen --calls $CALLS\` ($(messages_in "$OUT/bench.pcap") SIP messages," \
        "$(stat -c %s "$OUT/bench.pcap" | awk '{ printf "%.0f", $1 / 1e6 }') MB; MB = 10^6 bytes)." \
        "Machine: $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)."
    echo
    python3 Benchmarks/measure.py report "$RESULTS"
    echo
    echo "SIP parser, typical INVITE with SDP (best of 3 rounds of 200 000 messages):"
    echo
    "$BIN/sipdiag-parsebench"
} > "$OUT/results.md"
cat "$OUT/results.md"
