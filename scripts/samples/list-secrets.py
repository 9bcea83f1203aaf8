#!/usr/bin/env python3
"""Lists the secrets of samples/secrets/call-with-credentials.pcap as JSON, for the report
redaction test (Tests/SIPDiagCLITests/ReportCommandTests.swift): every Digest response and
cnonce, every SDES key (also the one inside the base64-encoded multipart part, decoded), every
URI password (as sent, percent-escaped, and decoded). Sorted, so the file is stable.

Usage: list-secrets.py CAPTURE.pcap > secrets.json
"""
import base64
import json
import os
import re
import sys
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "fixtures", "lib"))
import fxpcap  # noqa: E402


def messages(path):
    for *_, payload in fxpcap.udp_datagrams(path):
        yield payload.decode("utf-8", "replace")


def main():
    secrets = set()
    for text in messages(sys.argv[1]):
        for name, value in re.findall(r'\b(response|cnonce)="([^"]+)"', text):
            secrets.add(("digest-response" if name == "response" else "cnonce", value))
        for key in re.findall(r"inline:([^|;\s]+)", text):
            secrets.add(("srtp-key", key))
        for password in re.findall(r"sips?:[^:@;>\s]+:([^@;>\s]+)@", text):
            secrets.add(("uri-password", password))
            decoded = urllib.parse.unquote(password)
            if decoded != password:
                secrets.add(("uri-password-decoded", decoded))
        # Base64-encoded MIME parts: their keys exist only in the encoding.
        for block in re.findall(r"Content-Transfer-Encoding: base64\r\n\r\n([A-Za-z0-9+/=\r\n]+)", text):
            decoded = base64.b64decode(block.replace("\r\n", "")).decode("utf-8", "replace")
            for key in re.findall(r"inline:([^|;\s]+)", decoded):
                secrets.add(("srtp-key-base64-only", key))
    kinds = {kind for kind, _ in secrets}
    wanted = {"digest-response", "cnonce", "srtp-key", "srtp-key-base64-only", "uri-password", "uri-password-decoded"}
    if not wanted <= kinds:
        sys.exit("missing secrets of kinds %s" % sorted(wanted - kinds))
    json.dump([{"kind": k, "value": v} for k, v in sorted(secrets)], sys.stdout, indent=2)
    sys.stdout.write("\n")


main()
