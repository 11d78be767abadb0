#!/usr/bin/env python3
"""Prints the README's table of lint codes from the code tables in the context module's Javadoc.

Each findings class documents its codes as an HTML table (code, severity, trigger); the
decoder, merger and inspector codes are listed here by hand where they have no table.
Run from the repository root: python3 tools/lint-codes.py > /tmp/codes.md
"""
import html
import re
from pathlib import Path

SRC = Path("cernvm-context/src/main/java/io/cernvm/context")
TABLES = ["ucernvm/UcernvmFindings.java", "amiconfig/AmiconfigFindings.java"]
EXTRA = [
    ("USER_DATA_REJECTED", "error", "cloud-init would reject the whole user data (e.g. an unanswered include under its default error policy)"),
    ("INCLUDE_UNAVAILABLE", "error", "an `#include`/`#include-once` URL not answered (the CLI answers only `--include-file URL=PATH`)"),
    ("GZIP_PART_UNREADABLE", "error", "a gzip MIME part cloud-init fails to decompress"),
    ("JINJA_NOT_RENDERED", "warning", "a `## template: jinja` part without instance data or with a template error: cloud-init skips it"),
    ("LIMIT_EXCEEDED", "error", "decoding passed a size, nesting or include limit: the rest is not read"),
    ("CLOUD_CONFIG_YAML_ERROR", "error", "a cloud-config part that is not valid YAML (line and column given); cloud-init skips it"),
    ("CLOUD_CONFIG_EMPTY", "warning", "an empty cloud-config part"),
    ("CLOUD_CONFIG_NOT_A_MAPPING", "error", "a cloud-config part whose YAML is not a mapping; cloud-init skips it"),
    ("CLOUD_CONFIG_MERGE_FAILED", "error", "a part whose merge fails in cloud-init (unknown merger, malformed `merge_how`, …); skipped whole"),
    ("CLOUD_CONFIG_NO_DICT_MERGER", "warning", "a part whose mergers lack `dict`: it changes nothing"),
    ("CLOUD_CONFIG_RESULT_NOT_A_MAPPING", "error", "a `#cloud-config-jsonp` patch replaced the whole config by something that is not a mapping"),
    ("PART_TYPE_MISMATCH", "warning", "a part declared as a cloud-init type whose first line names another type"),
    ("USERDATA_OVER_16K", "warning", "user data over 16 KiB, the limit of many clouds"),
    ("COMPOSE_PART_NOT_7BIT", "warning", "(compose) a payload that is not 7-bit clean went out base64, hidden from µCernVM and amiconfig"),
]


def rows(path):
    text = (SRC / path).read_text()
    for code, severity, trigger in re.findall(
            r"<tr><td>\{@code (\w+)\}</td><td>([^<]*)</td><td>(.*?)</td></tr>", text, flags=re.S):
        trigger = re.sub(r"\{@(?:code|link) ([^}]*)\}", r"`\1`", trigger)
        trigger = re.sub(r"\s*\n\s*\*\s*", " ", trigger)
        yield code, severity.strip(), html.unescape(re.sub(r"<[^>]+>", "", trigger)).strip().replace("|", "\\|")


print("| code | severity | triggered by |")
print("|---|---|---|")
for table in TABLES:
    for code, severity, trigger in rows(table):
        print(f"| `{code}` | {severity} | {trigger} |")
for code, severity, trigger in EXTRA:
    print(f"| `{code}` | {severity} | {trigger} |")
