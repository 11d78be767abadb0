#!/usr/bin/python3
"""Record what cloud-init itself makes of every user-data fixture.

Runs cloud-init's own UserDataProcessor and its handler walk (no cloud, no network:
#include URLs are answered from include-map.json, every other URL fails as it would
offline) and writes one JSON file of expectations for the Java tests.

Usage (with Debian's cloud-init installed, e.g. 22.4.2 on Debian 12):
    /usr/bin/python3 tools/record-cloud-init.py [OUT.json]
See tools/README.md for the output format.
"""
import base64
import datetime
import gzip
import hashlib
import io
import quopri
import json
import math
import os
import sys
import tempfile
from unittest import mock

from cloudinit import features, handlers, helpers, url_helper, user_data, version
from cloudinit.handlers.cloud_config import CloudConfigPartHandler
from cloudinit.handlers.jinja_template import (
    JinjaTemplatePartHandler,
    render_jinja_payload_from_file,
)
from cloudinit.handlers.shell_script import ShellScriptPartHandler
from cloudinit.settings import PER_INSTANCE

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(os.path.dirname(ROOT), "shared", "fixtures", "userdata", "cloud-init")
RESOURCES = os.path.join(
    ROOT, "cernvm-context", "src", "test", "resources", "io", "cernvm", "context", "cloudinit"
)
EXTRA = os.path.join(RESOURCES, "extra")
INSTANCE_DATA = os.path.join(RESOURCES, "instance-data.json")
DEFAULT_OUT = os.path.join(RESOURCES, "expectations.json")
SKIP = {"SOURCES.md", "include-map.json"}

# Content type -> the handler label the SDK reports (cloud-init's default handler set).
HANDLER_LABELS = {
    "text/cloud-config": "cloud-config",
    "text/cloud-config-jsonp": "cloud-config",
    "text/x-shellscript": "shellscript",
    "text/x-shellscript-per-boot": "shellscript-per-boot",
    "text/x-shellscript-per-instance": "shellscript-per-instance",
    "text/x-shellscript-per-once": "shellscript-per-once",
    "text/cloud-boothook": "boothook",
    "text/jinja2": "jinja",
    "text/part-handler": "part-handler",
}


JINJA_SUB_TYPES = ("text/cloud-config", "text/cloud-config-jsonp", "text/x-shellscript")


class FakeResponse:
    def __init__(self, contents):
        self.contents = contents
        self.code = 200

    def ok(self, *_args, **_kwargs):
        return True


def url_reader(include_map, base_dir):
    def read(url, **_kwargs):
        if url in include_map:
            with open(os.path.join(base_dir, include_map[url]), "rb") as f:
                return FakeResponse(f.read())
        raise url_helper.UrlError(IOError("offline: no answer for %s" % url), url=url)

    return read


def as_bytes(payload):
    if payload is None:
        return b""
    if isinstance(payload, bytes):
        return payload
    if isinstance(payload, str):
        return payload.encode("utf-8", "surrogateescape")
    return str(payload).encode("utf-8", "surrogateescape")


def json_key(key):
    if isinstance(key, str):
        return key
    if key is True:
        return "true"
    if key is False:
        return "false"
    if key is None:
        return "null"
    if isinstance(key, (datetime.date, datetime.datetime)):
        return key.isoformat()
    if isinstance(key, float):
        return json_float(key) if isinstance(json_float(key), str) else repr(key)
    return str(key)


def json_float(value):
    if math.isnan(value):
        return ".nan"
    if math.isinf(value):
        return ".inf" if value > 0 else "-.inf"
    return value


def to_json(value):
    if isinstance(value, dict):
        return {json_key(k): to_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted((to_json(v) for v in value), key=repr)
    if isinstance(value, bytes):
        return {"__bytes_base64__": base64.b64encode(value).decode("ascii")}
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, float):
        return json_float(value)
    return value


def merge_type_of(headers):
    # What CloudConfigPartHandler._extract_mergers reads from the part headers.
    for name in ("Merge-Type", "X-Merge-Type"):
        value = headers.get(name, "")
        if value:
            return str(value)
    return None


def digest(data):
    return {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}


def process(raw, include_map, base_dir, paths, lenient):
    processor = user_data.UserDataProcessor(paths)
    with mock.patch.object(user_data, "read_file_or_url", url_reader(include_map, base_dir)), \
            mock.patch.object(features, "ERROR_ON_USER_DATA_FAILURE", not lenient):
        return processor.process(raw)


def walk(msg, paths, instance_data_file):
    """Walk the parts as stages._do_handlers does; merge cloud-config with the real handler."""
    cloud = CloudConfigPartHandler(paths=paths)
    shell = ShellScriptPartHandler(paths=paths)
    jinja = JinjaTemplatePartHandler(paths=paths, sub_handlers=[cloud, shell])
    parts = []
    rendered = []

    def callback(_data, filename, payload, headers):
        ctype = headers["Content-Type"]
        data = as_bytes(payload)
        entry = {"index": len(parts), "contentType": ctype, "filename": filename}
        entry.update(digest(data))
        entry["handler"] = HANDLER_LABELS.get(ctype)
        entry["mergeType"] = merge_type_of(headers)
        parts.append(entry)
        if entry["handler"] is None and payload:
            # walker_callback logs the start of an unhandled payload; this fails on non-text values
            handlers._extract_first_or_bytes(payload, 24)
        if ctype in ("text/cloud-config", "text/cloud-config-jsonp"):
            handlers.run_part(cloud, None, filename, payload, PER_INSTANCE, headers)
        elif ctype == "text/jinja2":
            handlers.run_part(jinja, None, filename, payload, PER_INSTANCE, headers)
            rendered.append(render_info(payload, filename, instance_data_file))

    handlers.call_begin(cloud, None, PER_INSTANCE)
    handlers.walk(msg, callback, {})
    merged = cloud.cloud_buf
    return parts, to_json(merged), rendered


def render_info(payload, filename, instance_data_file):
    try:
        out = render_jinja_payload_from_file(payload, filename, instance_data_file)
    except Exception as e:  # the handler's run_part logs and drops these
        message = str(e).replace(os.path.dirname(instance_data_file), "<run>")
        return {"error": "%s: %s" % (type(e).__name__, message)}
    if out is None:
        return {"error": "rendering returned nothing"}
    subtype = handlers.type_from_starts_with(out)
    # JinjaTemplatePartHandler's sub-handlers: cloud-config and shell script only.
    handler = HANDLER_LABELS.get(subtype) if subtype in JINJA_SUB_TYPES else None
    info = {"contentType": subtype, "handler": handler}
    info.update(digest(as_bytes(out)))
    return info


def record(path, include_map, base_dir):
    with open(path, "rb") as f:
        raw = f.read()
    result = {}
    with tempfile.TemporaryDirectory() as tmp:
        paths = helpers.Paths({"cloud_dir": os.path.join(tmp, "cloud"),
                               "run_dir": os.path.join(tmp, "run")})
        error = None
        try:
            msg = process(raw, include_map, base_dir, paths, lenient=False)
        except Exception as e:
            error = "%s: %s" % (type(e).__name__, e)
            try:
                msg = process(raw, include_map, base_dir, paths, lenient=True)
            except Exception:
                msg = None
        result["error"] = error
        if msg is None:
            result["parts"] = []
            result["cloudConfig"] = None
            return result
        try:
            parts, merged, rendered = walk(msg, paths, os.path.join(tmp, "absent.json"))
        except Exception as e:  # the handler walk itself fails: cloud-init runs no user-data handler
            result["error"] = result["error"] or "%s: %s" % (type(e).__name__, e)
            result["parts"] = []
            result["cloudConfig"] = None
            return result
        result["parts"] = parts
        result["cloudConfig"] = merged
        if any(p["contentType"] == "text/jinja2" for p in parts):
            sensitive = paths.get_runpath("instance_data_sensitive")
            os.makedirs(os.path.dirname(sensitive), exist_ok=True)
            with open(INSTANCE_DATA, "rb") as src, open(sensitive, "wb") as dst:
                dst.write(src.read())
            _, merged_i, rendered_i = walk(msg, paths, sensitive)
            result["jinja"] = {
                "withoutInstanceData": rendered,
                "withInstanceData": rendered_i,
                "cloudConfigWithInstanceData": merged_i,
            }
    return result


def fixtures(directory, prefix):
    if not os.path.isdir(directory):
        return []
    return [(prefix + name, os.path.join(directory, name))
            for name in sorted(os.listdir(directory)) if name not in SKIP]


# --- Differential corpus: generated MIME trees and mutated fixtures (tools/README.md) ---------------
R = None
ALPH = [b"\r", b"\n", b"\r\n", b"-", b"--", b"=", b";", b'"', b":", b" ", b"\t", b"#", b"%", b"*", b"'", b"\\", b"\xc3\xa9", b"\xff", b"=3D", b"==", b"/", b"<", b">"]
PREF = [b"#cloud-config\n", b"#!/bin/sh\n", b"#include\n", b"#include-once\n", b"#cloud-config-archive\n", b"## template: jinja\n", b"#cloud-boothook\n", b"#part-handler\n", b"", b"  \n", b"#CLOUD-CONFIG\n", b"#cloud-config-jsonp\n"]
TYPES = ["text/plain", "text/cloud-config", "text/x-shellscript", "message/rfc822", "multipart/mixed", "multipart/digest", "application/gzip", "text/x-include-url", "text/cloud-config-archive", "Text/Plain", "bogus", "text/jinja2", "message/delivery-status", "application/octet-stream", ""]
CTES = ["7bit", "base64", "quoted-printable", "x-uuencode", "BASE64", "base64 ", "8bit", ""]
def gz(b):  # noqa: E302
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0) as g: g.write(b)
    return buf.getvalue()
def body(depth):
    k = R.random()
    if depth < 3 and k < 0.3:
        return mime(depth + 1)
    b = R.choice(PREF) + bytes(R.choice(b"abc: 1\n- x\nhttp://u/1\n{{ v1.region }}\n=41\n") for _ in range(R.randint(0, 40)))
    return b
def enc(b, cte):
    c = cte.strip().lower()
    try:
        if c == "base64": return base64.encodebytes(b)
        if c == "quoted-printable": return quopri.encodestring(b)
    except Exception: pass
    return b
def mime(depth=0):
    bnd = R.choice(["b", "==x==", "a b", "sp ", "q\"q", "ü"]) + str(R.randint(0, 9))
    nl = R.choice([b"\n", b"\r\n", b"\n", b"\r"])
    top = R.choice(["multipart/mixed", "multipart/alternative", "multipart/digest"])
    q = R.choice(['"%s"', "%s", "'%s'"]) % bnd
    s = b"MIME-Version: 1.0" + nl + ("Content-Type: %s; boundary=%s" % (top, q)).encode() + nl + nl
    if R.random() < 0.3: s += b"preamble" + nl
    for _ in range(R.randint(0, 4)):
        s += ("--" + bnd).encode() + nl
        hs = []
        t = R.choice(TYPES)
        if t: hs.append("Content-Type: " + t + R.choice(["", "; charset=utf-8", "; charset=iso-8859-1", "; name=n.txt", "; name*=utf-8''%C3%A9"]))
        cte = R.choice(CTES)
        if cte: hs.append("Content-Transfer-Encoding: " + cte)
        if R.random() < 0.4: hs.append("Content-Disposition: attachment; filename=" + R.choice(['"f.yaml"', "f;g", '"a\\"b"', "", '""', "filename*0=a", "\"x;y\""]))
        if R.random() < 0.2: hs.append(R.choice(["Merge-Type: list(append)", "merge-type: x", "X-Merge-Type: dict(recurse_array)", "Launch-Index: 1"]))
        s += nl.join(h.encode() for h in hs) + nl + nl
        b = body(depth)
        if t == "application/gzip": b = gz(b) if R.random() < 0.8 else b[:5]
        s += enc(b, cte) + nl
    if R.random() < 0.7: s += ("--" + bnd + "--").encode() + nl
    if R.random() < 0.3: s += b"epilogue" + nl
    return s
def mutate(b):
    b = bytearray(b)
    for _ in range(R.randint(1, 4)):
        op = R.random()
        if not b: b += R.choice(ALPH); continue
        i = R.randrange(len(b))
        if op < 0.3: b[i:i] = R.choice(ALPH)
        elif op < 0.5: del b[i:i + R.randint(1, 8)]
        elif op < 0.6: b = b[:i]
        elif op < 0.7: b[i] = R.randrange(256)
        elif op < 0.8:
            j = R.randrange(len(b)); b[i:i] = b[j:j + R.randint(1, 30)]
        else: b[i:i] = R.choice(PREF)
    return bytes(b)


AVALS = ['"#!/bin/sh\\necho x"', '"#cloud-config\\na: 1"', "plain text", "42", "4.5", "true", "null", "~", "[1, 2]", "{a: 1}",
        "!!binary IyEvYmluL3No", "!!binary /w==", '"caf\\u00e9"', "2020-01-01", "''", '"## template: jinja\\n#!/bin/sh"',
        '"#include\\nhttp://x/"', '"#cloud-config-archive\\n- inner"', "0777", "yes"]
ATYPES = ["text/plain", "text/cloud-config", "text/x-shellscript", "application/octet-stream", "Text/Plain", "foo/bar",
         "text/x-include-url", "text/cloud-config-archive", "nosslash", "5", "''", "text/a;b", "text/a/b", "message/rfc822", "multipart/mixed"]
AKEYS = ["filename", "launch-index", "Merge-Type", "X-Extra", "content-type", "Content-Disposition", "number-attachments"]


def archive():
    """A #cloud-config-archive of odd entries: scalars, typed dicts, extra headers, bad types."""
    s = "#cloud-config-archive\n"
    for _ in range(R.randint(1, 5)):
        if R.random() < 0.25:
            s += "- " + R.choice(AVALS) + "\n"
            continue
        s += "- content: " + R.choice(AVALS) + "\n"
        if R.random() < 0.6:
            s += "  type: " + R.choice(ATYPES) + "\n"
        for key in R.sample(AKEYS, R.randint(0, 2)):
            s += "  %s: %s\n" % (key, R.choice(AVALS + ['"x.txt"', '"  spaced "', '"a\\"b"']))
    return s.encode("utf-8")


def differential(seed, count, out):
    """Write count generated inputs (at most 4 KiB each) and cloud-init's parts for them."""
    global R
    import random
    R = random.Random(seed)
    global srcs
    srcs = [os.path.join(SHARED, f) for f in sorted(os.listdir(SHARED)) if f not in SKIP]
    srcs += [os.path.join(EXTRA, f) for f in sorted(os.listdir(EXTRA))]
    with open(os.path.join(SHARED, "include-map.json")) as f:
        include_map = json.load(f)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        while len(rows) < count:
            r = R.random()
            if r < 0.3:
                data = mutate(open(R.choice(srcs), "rb").read())
            elif r < 0.45:
                data = archive()
            elif r < 0.85:
                data = mime()
            else:
                data = R.choice(PREF) + mutate(mime())
            if R.random() < 0.1:
                data = gz(data)
            if len(data) > 4096:
                continue
            path = os.path.join(tmp, "input")
            with open(path, "wb") as f:
                f.write(data)
            result = record(path, include_map, SHARED)
            parts = ["|".join([p["contentType"], p["filename"], p["sha256"], str(p["size"]), str(p["handler"]),
                               str(p["mergeType"])]) for p in result["parts"]]
            rows.append({"input": base64.b64encode(data).decode("ascii"), "rejected": result["error"] is not None,
                         "parts": parts})
    with gzip.open(out, "wt", encoding="utf-8", compresslevel=9) as f:
        f.write(json.dumps({"cloudInitVersion": version.version_string(), "seed": seed}) + "\n")
        for row in rows:
            f.write(json.dumps(row, sort_keys=True) + "\n")


# --- Jinja differential corpus (tools/README.md) ------------------------------------------------
JEXPR = ["v1.cloud_name", "v1.region", "cloud_name", "v1.availability_zone", "availability_zone", "v1['availability-zone']",
        "ds.meta_data.local_hostname", "ds.meta_data['instance-id']", "v1.v1_list", "v1.v1_list[0]", "v1.v1_list | length",
        "v1.region | upper", "v1.nope", "nope", "v1.region ~ '-x'", "1 + 2", "v1.v1_list | join(',')",
        "v1.region | replace('c', 'k')", "v1.nope | default('dflt')", "3 / 2", "7 // 2", "v1.v1_list | first",
        "v1.v1_list | sum", "[1, 2]", "{'a': 1}", "1.5"]
JSTMT = ["{% if v1.region == 'cern' %}yes{% else %}no{% endif %}", "{% for x in v1.v1_list %}{{ x }},{% endfor %}",
        "{% for x in v1.v1_list %}\n- {{ loop.index }}\n{% endfor %}", "{% set y = 'z' %}{{ y }}", "{# comment #}",
        "{%- if true -%}  trimmed  {%- endif -%}", "{% if nope %}a{% elif v1 %}b{% endif %}", "  {% if true %}\n  x\n  {% endif %}\n"]
JHEAD = ["#cloud-config\n", "#!/bin/sh\n", "", "#cloud-boothook\n"]


def jinja_differential(seed, count, out):
    """Render count generated templates with cloud-init's jinja handler code and instance-data.json."""
    import random
    from cloudinit.handlers.jinja_template import render_jinja_payload
    rnd = random.Random(seed)
    with open(INSTANCE_DATA) as f:
        inst = json.load(f)
    cases = []
    for _ in range(count):
        body = rnd.choice(JHEAD)
        for _ in range(rnd.randint(1, 5)):
            if rnd.random() < 0.6:
                body += "k%d: {{ %s }}" % (rnd.randint(0, 9), rnd.choice(JEXPR))
            else:
                body += rnd.choice(JSTMT)
            body += rnd.choice(["\n", "\n", "\r\n", " ", "\n\n"])
        if rnd.random() < 0.3:
            body = body.rstrip("\n")
        template = "## template: jinja\n" + body
        try:
            rendered = render_jinja_payload(template, "part-001", inst)
        except Exception:
            rendered = None
        cases.append({"template": template, "rendered": rendered})
    with open(out, "w") as f:
        json.dump({"cloudInitVersion": version.version_string(), "seed": seed, "cases": cases}, f, indent=0)
        f.write("\n")


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--jinja":
        jinja_differential(int(sys.argv[2]), int(sys.argv[3]),
                           sys.argv[4] if len(sys.argv) > 4 else os.path.join(RESOURCES, "jinja-differential.json"))
        return
    if len(sys.argv) > 1 and sys.argv[1] == "--differential":
        differential(int(sys.argv[2]), int(sys.argv[3]),
                     sys.argv[4] if len(sys.argv) > 4 else os.path.join(RESOURCES, "differential.jsonl.gz"))
        return
    out = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_OUT
    map_file = os.path.join(SHARED, "include-map.json")
    with open(map_file) as f:
        include_map = json.load(f)
    doc = {"cloudInitVersion": version.version_string(),
           "instanceDataFile": os.path.basename(INSTANCE_DATA),
           "fixtures": {}}
    for name, path in fixtures(SHARED, "") + fixtures(EXTRA, "extra/"):
        doc["fixtures"][name] = record(path, include_map, SHARED)
    with open(out, "w") as f:
        json.dump(doc, f, indent=1, sort_keys=False, ensure_ascii=True)
        f.write("\n")


if __name__ == "__main__":
    main()
