#!/usr/bin/env bash
# Checks PcapWriter's output against tshark, an independent decoder.
#
# Writes captures with sipdiag-benchgen (every transport the writer supports, then the
# realistic benchmark mix) and asserts that tshark:
#   - decodes exactly the SIP messages the generator wrote, in order, with the same
#     Call-IDs (the generator's --manifest lists them);
#   - finds no bad IPv4, UDP, TCP or SCTP (CRC-32C) checksum;
#   - reports no malformed packet, no expert warning or error, and no TCP analysis flag
#     (retransmission, lost or unseen segment, ...).
#
# The unit tests do not need tshark; this script is run by hand after changing the writer.
# Its output is kept in scripts/check-writer-with-tshark.txt.
#
# Usage: scripts/check-writer-with-tshark.sh        (TSHARK=/path/to/tshark to override)
set -euo pipefail

cd "$(dirname "$0")/.."
TSHARK=${TSHARK:-/usr/bin/tshark}
if [[ ! -x "$TSHARK" ]]; then
    echo "error: tshark not found at $TSHARK (set TSHARK=...)" >&2
    exit 69
fi

swift build -j 2 --product sipdiag-benchgen >&2
GENERATOR="$(swift build --show-bin-path)/sipdiag-benchgen"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

TSHARK_OPTIONS=(
    -o tcp.desegment_tcp_streams:TRUE
    -o ip.defragment:TRUE
    -o ipv6.defragment:TRUE
    -o ip.check_checksum:TRUE
    -o udp.check_checksum:TRUE
    -o tcp.check_checksum:TRUE
    -o sctp.checksum:CRC-32C
)
PROBLEMS='_ws.malformed || _ws.expert.severity >= warning || tcp.analysis.flags
    || ip.checksum.status == 0 || udp.checksum.status == 0 || tcp.checksum.status == 0
    || sctp.checksum.status == 0'

echo "tshark: $("$TSHARK" --version | head -n 1)"
failures=0

check() {
    local name=$1 mix=$2 calls=$3 seed=$4
    local pcap="$WORK/$name.pcap" manifest="$WORK/$name.manifest"
    echo
    echo "== $name: --mix $mix --calls $calls --seed $seed"
    "$GENERATOR" --output "$pcap" --manifest "$manifest" --mix "$mix" --calls "$calls" --seed "$seed" \
        | sed 's/^/   /' | grep -v 'elapsed:' | sed "s|$WORK/||"

    cut -f1 "$manifest" > "$WORK/expected"
    "$TSHARK" -r "$pcap" "${TSHARK_OPTIONS[@]}" -Y sip -T fields -e sip.Call-ID 2>/dev/null > "$WORK/decoded"
    local expected decoded
    expected=$(wc -l < "$WORK/expected")
    decoded=$(wc -l < "$WORK/decoded")
    if cmp -s "$WORK/expected" "$WORK/decoded"; then
        echo "   PASS  tshark decodes $decoded SIP messages, same Call-IDs in the same order"
    else
        echo "   FAIL  tshark decodes $decoded SIP messages, the generator wrote $expected; first differences:"
        diff "$WORK/expected" "$WORK/decoded" | head -n 10 | sed 's/^/         /'
        failures=$((failures + 1))
    fi

    local problems
    problems=$("$TSHARK" -r "$pcap" "${TSHARK_OPTIONS[@]}" -Y "$PROBLEMS" 2>/dev/null | wc -l)
    if [[ "$problems" -eq 0 ]]; then
        echo "   PASS  no bad checksum, malformed packet, expert warning or TCP analysis flag"
    else
        echo "   FAIL  $problems frames with problems:"
        "$TSHARK" -r "$pcap" "${TSHARK_OPTIONS[@]}" -Y "$PROBLEMS" 2>/dev/null | head -n 10 | sed 's/^/         /'
        failures=$((failures + 1))
    fi

    echo "   protocol hierarchy:"
    "$TSHARK" -r "$pcap" "${TSHARK_OPTIONS[@]}" -q -z io,phs 2>/dev/null \
        | grep -E '^ *[a-z]' | sed 's/^/     /'
}

check every-transport all 300 7
check realistic realistic 1000 1

echo
if [[ "$failures" -eq 0 ]]; then
    echo "OK: tshark agrees with PcapWriter"
else
    echo "FAILED: $failures checks"
    exit 1
fi
