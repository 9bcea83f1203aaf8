#!/usr/bin/env python3
"""Compares sipdiag's per-message output with tshark's on any captures or folders of captures.

Usage: scripts/compare-with-tshark.py [--sipdiag PATH] [-d DECODE_AS ...] CAPTURE_OR_FOLDER ...

For each capture, tshark's SIP messages (as scripts/fixtures/tshark-expected.py reads them:
frame, time, endpoints, transport, method or status) are compared, in order, with
`sipdiag messages --format jsonl`. Prints the first difference per capture and a summary;
exits 1 when any capture differs. `-d` passes tshark decode-as rules (e.g. tcp.port==6060,sip).
SIP inside TLS is not comparable (tshark needs the keys, sipdiag reports the flow as encrypted)
and HEP times differ on purpose (sipdiag uses the time inside HEP): see
Tests/SIPCaptureTests/Fixtures/TSHARK-NOTES.md.
"""
import argparse
import importlib.util
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
spec = importlib.util.spec_from_file_location("tshark_expected", os.path.join(HERE, "fixtures", "tshark-expected.py"))
tshark_expected = importlib.util.module_from_spec(spec)
spec.loader.exec_module(tshark_expected)


def sipdiag_rows(sipdiag, path):
    output = subprocess.run([sipdiag, "messages", "--format", "jsonl", path], capture_output=True, text=True)
    rows = []
    for line in output.stdout.splitlines():
        item = json.loads(line)
        if item.get("type") != "message":
            continue
        words = item["startLine"].split(" ")
        start = words[1] if item["startLine"].upper().startswith("SIP/2.0 ") and len(words) > 1 else words[0]
        rows.append([str(max(item["records"])), str(item["timeNs"]), item["src"]["ip"], str(item["src"]["port"]),
                     item["dst"]["ip"], str(item["dst"]["port"]), item["transport"], start])
    return rows


def captures(paths):
    for path in paths:
        if os.path.isdir(path):
            for folder, _, names in sorted(os.walk(path)):
                for name in sorted(names):
                    if name.endswith((".pcap", ".pcapng", ".cap")):
                        yield os.path.join(folder, name)
        else:
            yield path


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sipdiag", default=os.path.join(ROOT, ".build", "release", "sipdiag"))
    parser.add_argument("-d", dest="decode_as", action="append", default=[])
    parser.add_argument("paths", nargs="+")
    args = parser.parse_args()
    if not os.path.exists(args.sipdiag):
        sys.exit(f"no sipdiag at {args.sipdiag}: build it with 'swift build -c release' or pass --sipdiag")
    options = [option for rule in args.decode_as for option in ("-d", rule)]
    differing = 0
    total = 0
    for path in captures(args.paths):
        total += 1
        rows, _, _, _ = tshark_expected.rows_for(path, options)
        theirs = [[str(value) for value in row[:8]] for row in rows]
        ours = sipdiag_rows(args.sipdiag, path)
        if ours == theirs:
            print(f"same  {path}: {len(ours)} messages")
            continue
        differing += 1
        print(f"DIFF  {path}: sipdiag {len(ours)} messages, tshark {len(theirs)}")
        for index, (a, b) in enumerate(zip(ours, theirs)):
            if a != b:
                print(f"      message {index + 1}:\n        sipdiag {' '.join(a)}\n        tshark  {' '.join(b)}")
                break
    print(f"{total - differing} of {total} captures agree")
    sys.exit(1 if differing else 0)


if __name__ == "__main__":
    main()
