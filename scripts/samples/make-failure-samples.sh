#!/usr/bin/env bash
# Makes the SIP trunk failure samples in samples/failures/ from real traffic: SIPp user agents
# in network namespaces with documentation addresses that look public, captured by tcpdump on
# the bridge that joins them. samples/account.json is the account under which they tell their
# story (whitelist 198.51.100.4 and .5, route 203.0.113.10:5060 over UDP, registration of
# 1001@sip.example.com through 203.0.113.50:5060, realm sip.example.com).
#
# Hosts (one namespace each, all on one Ethernet bridge in a "lab" namespace, IPv6 off):
#   platform   198.51.100.20  the voice platform (hosted API), SIP on 5060/UDP
#   office     198.51.100.4   the customer's whitelisted office PBX; also the NAT router
#                             (iptables MASQUERADE, public port 40000) of the LAN 192.168.1.0/24
#   lanpbx     192.168.1.10   a PBX behind that NAT (only for nat-one-way-audio)
#   newpbx     203.0.113.7    a PBX the account does not know (not whitelisted)
#   carrier    203.0.113.10   the customer's carrier, the account's outbound route
#   registrar  203.0.113.50   the customer's registrar (the registration's proxy)
#
# Captures (one scenario each; SIPp scenarios in scripts/samples/scenarios/):
#   not-whitelisted.pcap       newpbx -> platform: INVITE (SDP), 100, 403 Forbidden, ACK
#   good-call.pcap             office -> platform: INVITE (SDP PCMU/PCMA), 100, 180,
#                              200 (SDP), ACK, 3 s, BYE, 200
#   route-timeout.pcap         platform -> carrier: INVITE and its 6 UDP retransmissions
#                              (0, 0.5, 1.5, 3.5, 7.5, 15.5, 31.5 s: all of Timer B), never
#                              answered (the carrier drops 5060/UDP with iptables); the
#                              platform gives up at 32 s
#   route-refused-icmp.pcap    platform -> carrier: the same 7 INVITEs, nothing listens on the
#                              carrier (no DROP): each copy answered by ICMP port unreachable
#   registration-realm.pcap    platform -> registrar: REGISTER, 401 realm="pbx.example.net",
#                              REGISTER with Authorization (username 1001), 401 again
#   registration-password.pcap platform -> registrar: REGISTER, 401 realm="sip.example.com",
#                              REGISTER with credentials (wrong password), 401, REGISTER, 403
#   registration-refresh-late.pcap
#                              platform -> registrar: REGISTER (Expires: 60, no
#                              authentication), 200 with Contact ...;expires=5 (the registrar
#                              grants 5 s), 8 s pause, REGISTER refresh (same Call-ID, CSeq 2),
#                              200 expires=5 again: refreshed after the binding expired
#   codec-mismatch.pcap        platform -> carrier: INVITE offering only G.729 (rtpmap:18),
#                              100, 488 Not Acceptable Here, ACK
#   nat-one-way-audio.pcap     lanpbx behind NAT -> platform: INVITE from 198.51.100.4:40000
#                              with Via/Contact/SDP c= 192.168.1.10, 100, 180, 200 (SDP), ACK,
#                              3 s, BYE, 200 (SIP only: no RTP in the capture)
#
# Usage (as root): scripts/samples/make-failure-samples.sh [name-filter-regex]
#   e.g. make-failure-samples.sh 'registration'  remakes only the matching captures.
#   KEEP_WORK=1 keeps the temporary directory (sipp logs).
# Takes about 1.5 minutes (the two route captures wait 32 s each for the INVITE timeout, the
# late refresh 8 s).
#
# Requirements: root, iproute2 (ip netns, veth, bridge), sipp (Debian sip-tester, 3.6),
# tcpdump, iptables (Debian package iptables; nft or legacy backend) for the carrier's DROP
# rule and the office NAT. Nothing leaves the machine: every address used lives in a
# namespace this script creates, and all namespaces and processes are removed on exit (trap).
#
# Determinism: Call-IDs are fixed (sipp -cid_str, e.g. not-whitelisted@sipdiag.test),
# branches and tags are fixed strings in the scenarios, ports are fixed (5060 everywhere,
# 40000 for the NAT mapping) and MAC addresses are derived from the IPv4 addresses.
# Timestamps and IP IDs differ on every run.
#
# Checks: tcpdump captures only 'udp or icmp' (static neighbour entries keep ARP off the wire,
# IPv6 is off), and each capture must hold exactly its intended messages, in order, between the
# intended addresses and ports (expect), with no 127.x address anywhere; the script fails
# otherwise.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
SC=$HERE/scenarios
OUT=$ROOT/samples/failures
FILTER=${1:-.}

PLATFORM=198.51.100.20
OFFICE=198.51.100.4
NEWPBX=203.0.113.7
CARRIER=203.0.113.10
REGISTRAR=203.0.113.50
LANPBX=192.168.1.10
LANGW=192.168.1.1
NAT_PORT=40000

for tool in ip sipp tcpdump iptables; do
    command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 1; }
done
[[ $(id -u) == 0 ]] || { echo "run as root (network namespaces)" >&2; exit 1; }

WORK=$(mktemp -d /tmp/sipdiag-samples.XXXXXX)
P=sdsmp$$
LAB=$P-lab
declare -A NS=(
    [platform]=$P-platform [office]=$P-office [lanpbx]=$P-lanpbx
    [newpbx]=$P-newpbx [carrier]=$P-carrier [registrar]=$P-registrar
)
declare -A ADDR=(
    [platform]=$PLATFORM [office]=$OFFICE [newpbx]=$NEWPBX [carrier]=$CARRIER
    [registrar]=$REGISTRAR
)
CREATED=()
CAP_PID=
UAS_PID=

cleanup() {
    local p ns
    for p in $(jobs -p); do
        kill "$p" 2>/dev/null || true
    done
    wait 2>/dev/null || true
    for ns in "${CREATED[@]}"; do
        # Processes left inside one of our namespaces are ours: end them by pid.
        for p in $(ip netns pids "$ns" 2>/dev/null); do
            kill "$p" 2>/dev/null || true
        done
        ip netns del "$ns" 2>/dev/null || true
    done
    if [[ -n ${KEEP_WORK:-} ]]; then
        echo "work files kept in $WORK" >&2
    else
        rm -rf "$WORK"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { printf '== %s\n' "$*" >&2; }

# mac IP: a locally administered MAC address made from the IPv4 address.
mac() {
    local a b c d
    IFS=. read -r a b c d <<<"$1"
    printf '02:00:%02x:%02x:%02x:%02x' "$a" "$b" "$c" "$d"
}

newns() {
    ip netns add "$1"
    CREATED+=("$1")
    ip netns exec "$1" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 \
        net.ipv6.conf.default.disable_ipv6=1
    ip -n "$1" link set lo up
}

# host NAME IP: a namespace with eth0 (address IP/24) on the lab bridge; the other
# documentation /24 is reached on the same link (one Ethernet segment, no router).
host() {
    local name=$1 ip=$2 ns=${NS[$1]}
    newns "$ns"
    ip -n "$LAB" link add "v-$name" type veth peer name eth0 netns "$ns"
    ip -n "$LAB" link set "v-$name" master br0 up
    ip -n "$ns" link set eth0 address "$(mac "$ip")" up
    ip -n "$ns" addr add "$ip/24" dev eth0
    case $ip in
        198.51.100.*) ip -n "$ns" route add 203.0.113.0/24 dev eth0 ;;
        203.0.113.*) ip -n "$ns" route add 198.51.100.0/24 dev eth0 ;;
    esac
}

topology() {
    newns "$LAB"
    ip -n "$LAB" link add br0 type bridge
    ip -n "$LAB" link set br0 up
    host platform $PLATFORM
    host office $OFFICE
    host newpbx $NEWPBX
    host carrier $CARRIER
    host registrar $REGISTRAR
    # The LAN behind the office router: lanpbx 192.168.1.10, gateway 192.168.1.1, NAT to
    # 198.51.100.4 with a fixed public port for SIP (a typical router's rewrite).
    newns "${NS[lanpbx]}"
    ip -n "${NS[office]}" link add eth1 type veth peer name eth0 netns "${NS[lanpbx]}"
    ip -n "${NS[office]}" link set eth1 address "$(mac $LANGW)" up
    ip -n "${NS[office]}" addr add $LANGW/24 dev eth1
    ip -n "${NS[lanpbx]}" link set eth0 address "$(mac $LANPBX)" up
    ip -n "${NS[lanpbx]}" addr add $LANPBX/24 dev eth0
    ip -n "${NS[lanpbx]}" route add default via $LANGW
    ip netns exec "${NS[office]}" sysctl -qw net.ipv4.ip_forward=1
    ip netns exec "${NS[office]}" iptables -t nat -A POSTROUTING -o eth0 -s 192.168.1.0/24 \
        -p udp -j MASQUERADE --to-ports $NAT_PORT
    # Let every link come up (bridge ports forward at once: no STP on a new bridge).
    sleep 1
    # Static neighbour entries: no ARP on the wire, no resolution delay before a first packet.
    local a b
    for a in platform office newpbx carrier registrar; do
        for b in platform office newpbx carrier registrar; do
            [[ $a == "$b" ]] && continue
            ip -n "${NS[$a]}" neigh replace "${ADDR[$b]}" lladdr "$(mac "${ADDR[$b]}")" \
                dev eth0 nud permanent
        done
    done
}

# cap_start FILE: tcpdump on the bridge (the wire between all hosts), UDP and ICMP only.
cap_start() {
    local err=$WORK/$(basename "$1").tcpdump.err
    ip netns exec "$LAB" tcpdump -n -i br0 -U -s 0 --immediate-mode -w "$1" 'udp or icmp' \
        2>"$err" &
    CAP_PID=$!
    local i
    for i in $(seq 1 100); do
        grep -q 'listening on' "$err" 2>/dev/null && return 0
        sleep 0.05
    done
    echo "tcpdump did not start: $(cat "$err")" >&2
    return 1
}

cap_stop() {
    sleep 0.5
    kill -INT "$CAP_PID" 2>/dev/null || true
    wait "$CAP_PID" 2>/dev/null || true
    local err=$WORK/$(basename "$1").tcpdump.err
    if ! grep -q '^0 packets dropped by kernel' "$err"; then
        echo "capture lost packets: $(cat "$err")" >&2
        return 1
    fi
}

# uas HOST ARGS...: a sipp UAS in HOST's namespace, in the background (ends after -m calls).
uas() {
    local ns=${NS[$1]}
    shift
    ip netns exec "$ns" timeout 90 sipp -nostdin -p 5060 -m 1 "$@" >>"$WORK/sipp-uas.log" 2>&1 &
    UAS_PID=$!
    sleep 0.5
}

# uac HOST ARGS...: a sipp UAC in HOST's namespace, in the foreground; its exit status is
# returned (a failed call is what some samples are about). UAC_LIMIT (seconds, default 90)
# ends it earlier.
uac() {
    local ns=${NS[$1]}
    shift
    ip netns exec "$ns" timeout "${UAC_LIMIT:-90}" sipp -nostdin -p 5060 -m 1 "$@" >>"$WORK/sipp-uac.log" 2>&1
}

wait_uas() {
    wait "$UAS_PID" || {
        echo "sipp UAS failed" >&2
        tail -n 20 "$WORK/sipp-uas.log" >&2
        return 1
    }
}

fail_uac() {
    echo "sipp UAC failed" >&2
    tail -n 20 "$WORK/sipp-uac.log" >&2
    return 1
}

# expect FILE PATTERN...: the capture's SIP start lines and ICMP lines, one per packet as
# "SRC > DST: first line", must match the given lines (extended regexes, whole line) in order.
expect() {
    local file=$1
    shift
    local got
    got=$(summary "$file")
    local want
    want=$(printf '%s\n' "$@")
    local i=0 line
    local -a lines
    mapfile -t lines <<<"$got"
    if [[ ${#lines[@]} != $# ]]; then
        printf '%s: %d packets, expected %d:\n%s\n' "$file" "${#lines[@]}" $# "$got" >&2
        return 1
    fi
    for line in "${lines[@]}"; do
        i=$((i + 1))
        if ! [[ $line =~ ^${!i}$ ]]; then
            printf '%s: packet %d is\n  %s\nexpected\n  %s\n' "$file" "$i" "$line" "${!i}" >&2
            return 1
        fi
    done
    if tcpdump -n -r "$file" -A 2>/dev/null | grep -qE '(^|[^0-9.])127\.[0-9]+\.[0-9]+\.[0-9]'; then
        echo "$file: a 127.x address" >&2
        return 1
    fi
}

# summary FILE: "SRC > DST: first line" per UDP packet, "SRC > DST: ICMP ..." per ICMP one.
summary() {
    tcpdump -n -r "$1" -A 2>/dev/null | awk '
        /^[0-9][0-9]:[0-9][0-9]:/ {
            if (hdr != "") print hdr ": " first
            split($0, f, " "); src = f[3]; dst = f[5]; sub(/:$/, "", dst)
            hdr = src " > " dst; first = ""
            if ($0 ~ /ICMP/) { sub(/.*ICMP /, "ICMP "); first = $0 }
            next
        }
        first == "" && /(SIP\/2\.0|^SIP)/ {
            line = $0; sub(/^.*(INVITE|ACK|BYE|REGISTER|CANCEL|OPTIONS|SIP\/2\.0 [0-9])/, "&", line)
            if (match(line, /(INVITE|ACK|BYE|REGISTER|CANCEL|OPTIONS) sip:[^ ]* SIP\/2\.0/))
                first = substr(line, RSTART, RLENGTH)
            else if (match(line, /SIP\/2\.0 [0-9][0-9][0-9] [^\r]*/))
                first = substr(line, RSTART, RLENGTH)
        }
        END { if (hdr != "") print hdr ": " first }'
}

want() { [[ $1 =~ $FILTER ]]; }

topology
mkdir -p "$OUT"
cd "$WORK"

P5=$PLATFORM.5060
if want not-whitelisted; then
    log not-whitelisted
    f=$WORK/not-whitelisted.pcap
    cap_start "$f"
    uas platform -sf "$SC/platform-reject-403.xml" -i $PLATFORM -mp 20000
    uac newpbx $PLATFORM:5060 -sf "$SC/pbx-call-rejected.xml" -i $NEWPBX -mp 30000 \
        -cid_str not-whitelisted@sipdiag.test || fail_uac
    wait_uas
    cap_stop "$f"
    expect "$f" \
        "$NEWPBX.5060 > $P5: INVITE sip:\+15550100200@$PLATFORM:5060 SIP/2.0" \
        "$P5 > $NEWPBX.5060: SIP/2.0 100 Trying" \
        "$P5 > $NEWPBX.5060: SIP/2.0 403 Forbidden" \
        "$NEWPBX.5060 > $P5: ACK sip:\+15550100200@$PLATFORM:5060 SIP/2.0"
    cp "$f" "$OUT/"
fi

if want good-call; then
    log good-call
    f=$WORK/good-call.pcap
    cap_start "$f"
    uas platform -sf "$SC/platform-answer.xml" -i $PLATFORM -mp 20000
    uac office $PLATFORM:5060 -sf "$SC/pbx-call.xml" -i $OFFICE -mp 30000 -d 3000 \
        -cid_str good-call@sipdiag.test || fail_uac
    wait_uas
    cap_stop "$f"
    expect "$f" \
        "$OFFICE.5060 > $P5: INVITE sip:\+15550100200@$PLATFORM:5060 SIP/2.0" \
        "$P5 > $OFFICE.5060: SIP/2.0 100 Trying" \
        "$P5 > $OFFICE.5060: SIP/2.0 180 Ringing" \
        "$P5 > $OFFICE.5060: SIP/2.0 200 OK" \
        "$OFFICE.5060 > $P5: ACK sip:\+15550100200@$PLATFORM:5060 SIP/2.0" \
        "$OFFICE.5060 > $P5: BYE sip:\+15550100200@$PLATFORM:5060 SIP/2.0" \
        "$P5 > $OFFICE.5060: SIP/2.0 200 OK"
    cp "$f" "$OUT/"
fi

# The platform's INVITE over the route, never answered: 7 copies (sent at 0, 0.5, 1.5, 3.5,
# 7.5, 15.5 and 31.5 s), then the platform gives up at 32 s (Timer B = 64*T1, RFC 3261
# section 17.1.1.2): it is ended there (sipp's own retransmission timer would wait another
# 32 s). Its exit status says nothing here: the capture is checked instead.
INVITE_COPIES=7
route_invites() {
    local extra=$1 i
    for i in $(seq 1 $INVITE_COPIES); do
        echo "$P5 > $CARRIER.5060: INVITE sip:\+15550199001@$CARRIER:5060 SIP/2.0"
        [[ -z $extra ]] || echo "$extra"
    done
}

if want route-timeout; then
    log "route-timeout (~32 s)"
    f=$WORK/route-timeout.pcap
    # The carrier silently drops SIP (a firewall that does not know the platform).
    ip netns exec "${NS[carrier]}" iptables -A INPUT -p udp --dport 5060 -j DROP
    cap_start "$f"
    UAC_LIMIT=32 uac platform $CARRIER:5060 -sf "$SC/platform-route-call.xml" -i $PLATFORM -mp 20000 \
        -max_invite_retrans $((INVITE_COPIES - 1)) -cid_str route-timeout@sipdiag.test \
        || true
    cap_stop "$f"
    ip netns exec "${NS[carrier]}" iptables -D INPUT -p udp --dport 5060 -j DROP
    mapfile -t want_lines < <(route_invites "")
    expect "$f" "${want_lines[@]}"
    cp "$f" "$OUT/"
fi

if want route-refused-icmp; then
    log "route-refused-icmp (~32 s)"
    f=$WORK/route-refused-icmp.pcap
    cap_start "$f"
    UAC_LIMIT=32 uac platform $CARRIER:5060 -sf "$SC/platform-route-call.xml" -i $PLATFORM -mp 20000 \
        -max_invite_retrans $((INVITE_COPIES - 1)) -cid_str route-refused-icmp@sipdiag.test \
        || true
    cap_stop "$f"
    mapfile -t want_lines < <(route_invites \
        "$CARRIER > $PLATFORM: ICMP $CARRIER udp port 5060 unreachable, length [0-9]+")
    expect "$f" "${want_lines[@]}"
    cp "$f" "$OUT/"
fi

R5=$REGISTRAR.5060
if want registration-realm; then
    log registration-realm
    f=$WORK/registration-realm.pcap
    cap_start "$f"
    uas registrar -sf "$SC/registrar-other-realm.xml" -i $REGISTRAR
    uac platform $REGISTRAR:5060 -sf "$SC/platform-register.xml" -i $PLATFORM \
        -auth_uri sip.example.com -au 1001 -ap 'Summer-2024!' \
        -cid_str registration-realm@sipdiag.test || fail_uac
    wait_uas
    cap_stop "$f"
    expect "$f" \
        "$P5 > $R5: REGISTER sip:sip.example.com SIP/2.0" \
        "$R5 > $P5: SIP/2.0 401 Unauthorized" \
        "$P5 > $R5: REGISTER sip:sip.example.com SIP/2.0" \
        "$R5 > $P5: SIP/2.0 401 Unauthorized"
    cp "$f" "$OUT/"
fi

if want registration-password; then
    log registration-password
    f=$WORK/registration-password.pcap
    cap_start "$f"
    uas registrar -sf "$SC/registrar-reject-password.xml" -i $REGISTRAR
    uac platform $REGISTRAR:5060 -sf "$SC/platform-register-retry.xml" -i $PLATFORM \
        -auth_uri sip.example.com -au 1001 -ap 'not-the-password' \
        -cid_str registration-password@sipdiag.test || fail_uac
    wait_uas
    cap_stop "$f"
    expect "$f" \
        "$P5 > $R5: REGISTER sip:sip.example.com SIP/2.0" \
        "$R5 > $P5: SIP/2.0 401 Unauthorized" \
        "$P5 > $R5: REGISTER sip:sip.example.com SIP/2.0" \
        "$R5 > $P5: SIP/2.0 401 Unauthorized" \
        "$P5 > $R5: REGISTER sip:sip.example.com SIP/2.0" \
        "$R5 > $P5: SIP/2.0 403 Forbidden"
    cp "$f" "$OUT/"
fi

# The registrar grants 5 s (Contact ...;expires=5 in the 200) for the 60 s asked; the platform
# refreshes 8 s after the first 200, 3 s after the binding expired.
if want registration-refresh-late; then
    log "registration-refresh-late (~8 s)"
    f=$WORK/registration-refresh-late.pcap
    cap_start "$f"
    uas registrar -sf "$SC/registrar-grant-5s.xml" -i $REGISTRAR
    uac platform $REGISTRAR:5060 -sf "$SC/platform-register-refresh-late.xml" -i $PLATFORM \
        -cid_str registration-refresh-late@sipdiag.test || fail_uac
    wait_uas
    cap_stop "$f"
    expect "$f" \
        "$P5 > $R5: REGISTER sip:sip.example.com SIP/2.0" \
        "$R5 > $P5: SIP/2.0 200 OK" \
        "$P5 > $R5: REGISTER sip:sip.example.com SIP/2.0" \
        "$R5 > $P5: SIP/2.0 200 OK"
    if [[ $(tcpdump -n -r "$f" -A 2>/dev/null | grep -c ';expires=5') != 2 ]]; then
        echo "registration-refresh-late: the 200s do not both grant expires=5" >&2
        exit 1
    fi
    cp "$f" "$OUT/"
fi

if want codec-mismatch; then
    log codec-mismatch
    f=$WORK/codec-mismatch.pcap
    cap_start "$f"
    uas carrier -sf "$SC/carrier-reject-488.xml" -i $CARRIER -mp 40000
    uac platform $CARRIER:5060 -sf "$SC/platform-route-call-g729.xml" -i $PLATFORM -mp 20000 \
        -cid_str codec-mismatch@sipdiag.test || fail_uac
    wait_uas
    cap_stop "$f"
    expect "$f" \
        "$P5 > $CARRIER.5060: INVITE sip:\+15550199001@$CARRIER:5060 SIP/2.0" \
        "$CARRIER.5060 > $P5: SIP/2.0 100 Trying" \
        "$CARRIER.5060 > $P5: SIP/2.0 488 Not Acceptable Here" \
        "$P5 > $CARRIER.5060: ACK sip:\+15550199001@$CARRIER:5060 SIP/2.0"
    cp "$f" "$OUT/"
fi

if want nat-one-way-audio; then
    log nat-one-way-audio
    f=$WORK/nat-one-way-audio.pcap
    cap_start "$f"
    uas platform -sf "$SC/platform-answer.xml" -i $PLATFORM -mp 20000
    uac lanpbx $PLATFORM:5060 -sf "$SC/pbx-call.xml" -i $LANPBX -mp 30000 -d 3000 \
        -cid_str nat-one-way-audio@sipdiag.test || fail_uac
    wait_uas
    cap_stop "$f"
    O=$OFFICE.$NAT_PORT
    expect "$f" \
        "$O > $P5: INVITE sip:\+15550100200@$PLATFORM:5060 SIP/2.0" \
        "$P5 > $O: SIP/2.0 100 Trying" \
        "$P5 > $O: SIP/2.0 180 Ringing" \
        "$P5 > $O: SIP/2.0 200 OK" \
        "$O > $P5: ACK sip:\+15550100200@$PLATFORM:5060 SIP/2.0" \
        "$O > $P5: BYE sip:\+15550100200@$PLATFORM:5060 SIP/2.0" \
        "$P5 > $O: SIP/2.0 200 OK"
    if ! tcpdump -n -r "$f" -A 2>/dev/null | grep -q 'c=IN IP4 192.168.1.10'; then
        echo "nat-one-way-audio: no private SDP address in the INVITE" >&2
        exit 1
    fi
    cp "$f" "$OUT/"
fi

# A call full of secrets, to show and test what `sipdiag report` removes (samples/secrets/):
# the office PBX registers with a password in its Contact URI and answers the 401 (qop=auth),
# calls with SDES keys, answers the 407, sends the INVITE again with a multipart body whose
# base64-encoded part hides another key; the platform answers with its own key and a password
# in its Contact, which the ACK and BYE carry in their Request-URI. scripts/samples/list-secrets.py lists them in samples/secrets/secrets.json.
if want secrets; then
    log "secrets (~2 s)"
    f=$WORK/call-with-credentials.pcap
    cap_start "$f"
    uas platform -sf "$SC/secrets-platform-register.xml" -i $PLATFORM
    uac office $PLATFORM:5060 -sf "$SC/secrets-pbx-register.xml" -i $OFFICE \
        -au 1001 -ap 'Pa$$w0rd-Digest!' -cid_str secrets-register@sipdiag.test || fail_uac
    wait_uas
    uas platform -sf "$SC/secrets-platform-call.xml" -i $PLATFORM -mp 20000
    uac office $PLATFORM:5060 -sf "$SC/secrets-pbx-call.xml" -i $OFFICE -mp 30000 \
        -au 1001 -ap 'Pa$$w0rd-Digest!' -cid_str secrets-call@sipdiag.test || fail_uac
    wait_uas
    cap_stop "$f"
    O5=$OFFICE.5060
    expect "$f" \
        "$O5 > $P5: REGISTER sip:sip.example.com SIP/2.0" \
        "$P5 > $O5: SIP/2.0 401 Unauthorized" \
        "$O5 > $P5: REGISTER sip:sip.example.com SIP/2.0" \
        "$P5 > $O5: SIP/2.0 200 OK" \
        "$O5 > $P5: INVITE sip:\+15559870002@sip.example.com SIP/2.0" \
        "$P5 > $O5: SIP/2.0 407 Proxy Authentication Required" \
        "$O5 > $P5: ACK sip:\+15559870002@sip.example.com SIP/2.0" \
        "$O5 > $P5: INVITE sip:\+15559870002@sip.example.com SIP/2.0" \
        "$P5 > $O5: SIP/2.0 100 Trying" \
        "$P5 > $O5: SIP/2.0 180 Ringing" \
        "$P5 > $O5: SIP/2.0 200 OK" \
        "$O5 > $P5: ACK sip:\+15559870002:S3cr3t-plain@$PLATFORM:5060 SIP/2.0" \
        "$O5 > $P5: BYE sip:\+15559870002:S3cr3t-plain@$PLATFORM:5060 SIP/2.0" \
        "$P5 > $O5: SIP/2.0 200 OK"
    mkdir -p "$ROOT/samples/secrets"
    cp "$f" "$ROOT/samples/secrets/"
    python3 "$HERE/list-secrets.py" "$f" >"$ROOT/samples/secrets/secrets.json"
fi

log "done: $(ls "$OUT" | wc -l) files in $OUT, $(du -sh "$OUT" | cut -f1)"
