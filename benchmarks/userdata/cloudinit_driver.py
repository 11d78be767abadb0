#!/usr/bin/python3
"""Baseline for the user-data benchmark: cloud-init's own user-data processing.

One long-lived Python process runs, for every file of the cloud-init fixture corpus,
what cloud-init does with user data at boot (stages.Init._consume_userdata):
UserDataProcessor.process, then the handler walk with the default handlers
(cloud-config merge, scripts, boothooks, jinja, part-handlers) as stages.Init._do_handlers.
#include URLs are answered offline from include-map.json; boothooks are written but not
executed (the Java inspector executes nothing either). The corpus is processed repeatedly:
warm-up rounds first (discarded), then timed rounds. Prints one line:
    files_per_second=<float> rounds=<n> files=<n>
"""
import json
import logging
import os
import sys
import tempfile
import time

from cloudinit import features, handlers, helpers, subp, url_helper, user_data
from cloudinit.handlers import boot_hook
from cloudinit.handlers.boot_hook import BootHookPartHandler
from cloudinit.handlers.cloud_config import CloudConfigPartHandler
from cloudinit.handlers.jinja_template import JinjaTemplatePartHandler
from cloudinit.handlers.shell_script import ShellScriptPartHandler
from cloudinit.handlers.shell_script_by_frequency import ShellScriptByFreqPartHandler
from cloudinit.settings import PER_ALWAYS, PER_INSTANCE, PER_ONCE

INSTANCE_DATA = {"v1": {"cloud_name": "bench", "instance_id": "i-bench", "local_hostname": "bench"}}


def corpus(directory):
    names = sorted(n for n in os.listdir(directory) if n not in ("SOURCES.md", "include-map.json"))
    return [(n, open(os.path.join(directory, n), "rb").read()) for n in names]


def offline_includes(directory):
    with open(os.path.join(directory, "include-map.json")) as f:
        mapping = json.load(f)

    def read_file_or_url(url, **_kwargs):
        name = mapping.get(url)
        if name is None:
            raise url_helper.UrlError(IOError("not in include-map.json"), code=404, url=url)
        with open(os.path.join(directory, name), "rb") as f:
            return url_helper.StringResponse(f.read())

    return read_file_or_url


class FakeDatasource:
    """What the handlers read from a datasource: nothing but the launch index."""

    def get_userdata(self, apply_filter=False):
        return None

    launch_index = None

    def get_instance_id(self):
        return "i-bench"


def default_handlers(paths, datasource):
    # the list of stages.Init._default_handlers
    opts = {"paths": paths, "datasource": datasource}
    cloud_config = CloudConfigPartHandler(**opts)
    shell = ShellScriptPartHandler(**opts)
    return [
        cloud_config,
        shell,
        ShellScriptByFreqPartHandler(PER_ALWAYS, **opts),
        ShellScriptByFreqPartHandler(PER_INSTANCE, **opts),
        ShellScriptByFreqPartHandler(PER_ONCE, **opts),
        BootHookPartHandler(**opts),
        JinjaTemplatePartHandler(**opts, sub_handlers=[cloud_config, shell]),
    ]


def process_one(paths, datasource, blob):
    msg = user_data.UserDataProcessor(paths).process(blob)
    c_handlers = helpers.ContentHandlers()
    for mod in default_handlers(paths, datasource):
        c_handlers.register(mod, overwrite=False)
    for _ctype, mod in c_handlers.items():
        if mod not in c_handlers.initialized:
            handlers.call_begin(mod, None, PER_INSTANCE)
            c_handlers.initialized.append(mod)
    part_data = {
        "handlers": c_handlers,
        "handlerdir": paths.get_ipath("handlers"),
        "data": None,
        "frequency": PER_INSTANCE,
        "handlercount": 0,
        "excluded": [],
    }
    try:
        handlers.walk(msg, handlers.walker_callback, data=part_data)
    finally:
        for _ctype, mod in c_handlers.items():
            if mod in c_handlers.initialized:
                c_handlers.initialized.remove(mod)
                handlers.call_end(mod, None, PER_INSTANCE)
    return msg


def main():
    directory = sys.argv[1]
    warmup_seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 5
    measure_seconds = float(sys.argv[3]) if len(sys.argv) > 3 else 10
    logging.disable(logging.CRITICAL)
    # a failed include becomes a warning, as the Java inspector reports it as a finding
    features.ERROR_ON_USER_DATA_FAILURE = False
    files = corpus(directory)
    user_data.read_file_or_url = offline_includes(directory)
    boot_hook.subp = type("NoExec", (), {"subp": staticmethod(lambda *a, **k: ("", "")),
                                         "ProcessExecutionError": subp.ProcessExecutionError})
    work = tempfile.mkdtemp(prefix="cloudinit-bench-", dir=os.environ.get("BENCH_TMP", "/dev/shm"))
    datasource = FakeDatasource()
    paths = helpers.Paths({"cloud_dir": os.path.join(work, "cloud"), "run_dir": os.path.join(work, "run")}, ds=datasource)
    os.makedirs(paths.get_ipath("handlers"), exist_ok=True)
    sys.path.insert(0, paths.get_ipath("handlers"))
    os.makedirs(os.path.dirname(paths.get_runpath("instance_data_sensitive")), exist_ok=True)
    with open(paths.get_runpath("instance_data_sensitive"), "w") as f:
        json.dump(INSTANCE_DATA, f)

    def rounds_for(seconds):
        n, start = 0, time.perf_counter()
        while True:
            for _name, blob in files:
                process_one(paths, datasource, blob)
            n += 1
            elapsed = time.perf_counter() - start
            if elapsed >= seconds:
                return n, elapsed

    # part-handlers of the corpus print to stdout; keep the result line alone on it
    real_stdout, sys.stdout = sys.stdout, open(os.devnull, "w")
    try:
        parts = 0
        for _name, blob in files:  # every file must go through without an exception
            parts += sum(1 for p in process_one(paths, datasource, blob).walk() if not p.is_multipart())
        rounds_for(warmup_seconds)
        cpu_start = time.process_time()
        rounds, elapsed = rounds_for(measure_seconds)
        cpu = time.process_time() - cpu_start
    finally:
        sys.stdout.close()
        sys.stdout = real_stdout
    print("files_per_second=%.1f rounds=%d files=%d parts=%d seconds=%.2f cpu_seconds=%.2f"
          % (rounds * len(files) / elapsed, rounds, len(files), parts, elapsed, cpu))


if __name__ == "__main__":
    main()
