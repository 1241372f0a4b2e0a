"""The ``rustify-ml`` command.

    rustify-ml warm PATH... [--run "CMD"] [--check]
    rustify-ml cache ls | info KEY | clear | prune [--max-mb N]
    rustify-ml accelerate --file F.py [--threshold T] [--output DIR] [--dry-run]
                          [--ml-mode] [--function NAME] [--list-targets]

Bad input gets one line on stderr and a non-zero exit; nothing is
overwritten on the way.
"""

import argparse
import ast
import hashlib
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

from . import _native


class UsageError(Exception):
    """A one-line complaint about the command line or its inputs."""


def _cache_root():
    root = _native.cache_dir()
    if root is None:
        raise UsageError("no cache directory: set RUSTIFY_CACHE_DIR")
    return Path(root)


def _age(seconds):
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


def _size(n):
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024


# ---------------------------------------------------------------- cache


def cmd_cache(args):
    if args.action == "ls":
        entries = _native.cache_entries()
        now = int(time.time())
        print(f"{len(entries)} entries in {_cache_root()}")
        if entries:
            print(f"  {'key':<14}{'function':<36}{'signature':<30}{'size':>10}{'age':>6}{'hits':>6}")
        for e in entries:
            print(f"  {e['key'][:12]:<14}{e['function'][:35]:<36}{e['signature'][:29]:<30}"
                  f"{_size(e['size']):>10}{_age(max(0, now - e['created'])):>6}{e['hits']:>6}")
        return 0
    if args.action == "info":
        if not args.key:
            raise UsageError("cache info needs a KEY (or a prefix of one; see `rustify-ml cache ls`)")
        found = [e for e in _native.cache_entries() if e["key"].startswith(args.key)]
        if not found:
            raise UsageError(f"no cache entry with key {args.key!r}")
        if len(found) > 1:
            raise UsageError(f"key prefix {args.key!r} matches {len(found)} entries; give more of it")
        e = found[0]
        root = _cache_root()
        for k in ("key", "function", "file", "line", "signature", "artifact", "hits"):
            print(f"{k:>10}: {e[k]}")
        print(f"{'size':>10}: {_size(e['size'])}")
        print(f"{'created':>10}: {time.strftime('%Y-%m-%d %H:%M:%S', time.localtime(e['created']))}")
        print(f"{'last used':>10}: {time.strftime('%Y-%m-%d %H:%M:%S', time.localtime(e['last_used']))}")
        print(f"{'library':>10}: {root / 'artifacts' / (e['artifact'] + '.so')}")
        print(f"{'build log':>10}: {root / 'logs' / (e['artifact'] + '.log')}")
        return 0
    if args.action == "clear":
        n = _native.cache_clear()
        print(f"removed {n} entries from {_cache_root()}")
        return 0
    if args.action == "prune":
        mb = args.max_mb if args.max_mb is not None else float(os.environ.get("RUSTIFY_CACHE_MAX_MB", "1024"))
        if mb < 0:
            raise UsageError("--max-mb must be >= 0")
        removed = _native.cache_prune(int(mb * 1024 * 1024))
        print(f"pruned {len(removed)} libraries; {len(_native.cache_entries())} entries remain")
        return 0
    raise UsageError(f"unknown cache action {args.action!r}")


# ---------------------------------------------------------------- warm


def _profile_path(paths):
    digest = hashlib.sha256("\0".join(sorted(str(Path(p).resolve()) for p in paths)).encode()).hexdigest()[:16]
    return _cache_root() / "profiles" / f"{digest}.json"


def _check(profile):
    if not profile.exists():
        raise UsageError(f"no recorded profile for these paths ({profile}); run `rustify-ml warm` first")
    programs = json.loads(profile.read_text())["programs"]
    missing = [p for p in programs if not _native.cache_has(p["key"])]
    for p in programs:
        mark = "missing" if p in missing else "ok"
        print(f"  {mark:<8}{p['function']}{p['signature']}")
    print(f"{len(programs) - len(missing)}/{len(programs)} recorded programs are in the cache")
    return 1 if missing else 0


def cmd_warm(args):
    for p in args.paths:
        if not Path(p).exists():
            raise UsageError(f"no such file or directory: {p}")
    profile = _profile_path(args.paths)
    if args.check:
        return _check(profile)
    if args.run:
        commands = [shlex.split(args.run)]
    else:
        scripts = [p for p in args.paths if p.endswith(".py") and Path(p).is_file()]
        if len(scripts) != len(args.paths):
            raise UsageError("give the workload with --run \"CMD\" (PATH is a directory or not a .py file)")
        commands = [[sys.executable, s] for s in scripts]
    programs = {}
    with tempfile.TemporaryDirectory(prefix="rustify-warm-") as tmp:
        for i, command in enumerate(commands):
            record = Path(tmp) / f"record{i}.json"
            env = dict(os.environ, RUSTIFY_AUTO="1", RUSTIFY_TIER2="1", RUSTIFY_RECORD=str(record))
            env.pop("RUSTIFY_DISABLE", None)
            print(f"running: {shlex.join(command)}", flush=True)
            try:
                rc = subprocess.call(command, env=env)
            except OSError as e:
                raise UsageError(f"cannot run {command[0]}: {e}") from None
            if rc != 0:
                raise UsageError(f"the workload exited with status {rc}")
            if not record.exists():
                raise UsageError("the workload recorded nothing (is rustify-ml installed in its Python?)")
            for p in json.loads(record.read_text())["programs"]:
                programs[p["key"]] = p
    profile.parent.mkdir(parents=True, exist_ok=True)
    profile.write_text(json.dumps({"paths": [str(Path(p).resolve()) for p in args.paths],
                                   "programs": list(programs.values())}, indent=1))
    print(f"recorded {len(programs)} programs in {profile}")
    return _check(profile)


# ---------------------------------------------------------------- accelerate

_MARKER = ".rustify-ml-accelerate"
EXT_NAME = "rustify_ml_ext"


def _fallback_source(row):
    """Python source defining the function, its callees and the globals its
    compiled code froze; None (with the reason) when that cannot be exact."""
    lines, aliases, seen, values, defined = ["import math"], [], set(), {}, {}
    for p in row["programs"]:
        for name, kind, value in p["globals"]:
            if name in values and values[name] != (kind, value):
                return None, f"global {name!r} differs between modules"
            values[name] = (kind, value)
        for src in p["sources"]:
            if src not in seen:
                seen.add(src)
                text = textwrap.dedent(src).rstrip() + "\n"
                name = ast.parse(text).body[0].name
                if defined.setdefault(name, text) != text:
                    return None, f"two functions named {name!r} (from different modules) are compiled in"
                lines.append(text)
    for name, (kind, value) in values.items():
        if kind == "value":
            lines.insert(1, f"{name} = {value!r}" if not isinstance(value, float) or value == value and abs(value) != float("inf")
                         else f"{name} = float({repr(value)!r})")
        elif kind == "module":
            lines.insert(1, f"import {value} as {name}")
        elif kind == "function":
            if value != name:
                aliases.append(f"{name} = {value}")
        else:
            return None, f"global {name!r} is a {value}"
    return "\n".join(lines + aliases) + "\n", None


def _table(rows):
    out = [f"  {'function':<28}{'line':>6}{'% time':>8}  {'translation':<34}status"]
    for r in rows:
        out.append(f"  {r['function'][:27]:<28}{r['line']:>6}{r['share']:>7.1f}%  {r['translation'][:33]:<34}{r['status']}")
    return "\n".join(out)


def cmd_accelerate(args):
    src = Path(args.file)
    if not src.is_file():
        raise UsageError(f"no such file: {args.file}")
    try:
        ast.parse(src.read_text(), filename=str(src))
    except (SyntaxError, UnicodeDecodeError, ValueError) as e:
        raise UsageError(f"{args.file} does not parse: {e}") from None
    if not 0 <= args.threshold <= 100:
        raise UsageError("--threshold must be a percentage between 0 and 100")
    out_dir = Path(args.output)
    target = out_dir / EXT_NAME
    if not args.list_targets:
        if target.exists() and not (target / _MARKER).exists():
            raise UsageError(f"{target} exists and was not written by rustify-ml accelerate; not overwriting it")
        probe = out_dir
        while not probe.exists():
            probe = probe.parent
        if not probe.is_dir() or not os.access(probe, os.W_OK | os.X_OK):
            raise UsageError(f"output directory {out_dir} is not writable")
    with tempfile.TemporaryDirectory(prefix="rustify-accelerate-") as tmp:
        record = Path(tmp) / "record.json"
        env = dict(os.environ, RUSTIFY_AUTO="1", RUSTIFY_TIER2="0", RUSTIFY_RECORD=str(record), RUSTIFY_EXPORT="1",
                   RUSTIFY_THRESHOLD=str(0 if args.function else args.threshold))
        env.pop("RUSTIFY_DISABLE", None)
        print(f"profiling: {sys.executable} {src}", flush=True)
        rc = subprocess.call([sys.executable, str(src)], env=env, stdout=subprocess.DEVNULL)
        if rc != 0:
            raise UsageError(f"{args.file} exited with status {rc}")
        if not record.exists():
            raise UsageError("the profiled run recorded nothing (is rustify-ml installed in this Python?)")
        found = json.loads(record.read_text()).get("exports", [])
    if args.function:
        known = {r["name"] for r in found} | {r.get("function") for r in found}
        for name in args.function:
            if name not in known:
                raise UsageError(f"unknown function {name!r}: profiled functions are "
                                 + (", ".join(sorted(r["name"] for r in found)) or "none"))
        found = [r for r in found if r["name"] in args.function or r.get("function") in args.function]
    else:
        found = [r for r in found if r.get("share", 0.0) >= args.threshold]
    rows, functions, names = [], [], set()
    for r in sorted(found, key=lambda r: -r.get("share", 0.0)):
        programs = [p for p in r["programs"]]
        if programs:
            fallback, why = _fallback_source(r)
        elif r.get("tier") in ("jit", "ext"):
            fallback, why = None, "tier 1 only: no tier-2 translation (see RUSTIFY_LOG=info)"
        else:
            fallback, why = None, r.get("status") or "not translated"
        if programs and r["name"] in names:
            fallback, why = None, "another exported function has this name"
        if programs and not r.get("simple_signature", True):
            fallback, why = None, "*args/**kwargs/keyword-only parameters"
        ok = fallback is not None
        translation = ("native " + ", ".join(p["signature"] for p in programs)) if ok else "python"
        rows.append({"function": r.get("function", r["name"]), "line": r.get("line", 0), "share": r.get("share", 0.0),
                     "translation": translation, "status": "" if ok else why})
        if ok:
            names.add(r["name"])
            functions.append((r["name"], r["nparams"], fallback,
                              [(bytes(p["sig"]), f"`{r['name']}{p['signature']}`", p["rust"], p["callables"])
                               for p in programs]))
    if args.list_targets:
        print(_table(rows) if rows else "no function reached the threshold")
        return 0
    if not functions:
        print(_table(rows) if rows else "no function reached the threshold")
        raise UsageError("nothing to accelerate: no hot function was translated")
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".rustify-ml-ext-", dir=out_dir))
    try:
        _native.write_standalone_crate(str(staging), EXT_NAME, src.name, functions, args.ml_mode)
        (staging / _MARKER).write_text("written by rustify-ml accelerate; rerunning it replaces this directory\n")
        if target.exists():
            shutil.rmtree(target)
        staging.rename(target)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    for row in rows:
        if row["translation"] != "python":
            row["status"] = "written" if args.dry_run else "building"
    if not args.dry_run:
        print(f"building {target} (maturin, release)", flush=True)
        p = subprocess.run([sys.executable, "-m", "maturin", "build", "--release", "--manifest-path",
                            str(target / "Cargo.toml"), "--out", str(target / "dist")],
                           capture_output=True, text=True)
        (target / "build.log").write_text(p.stdout + p.stderr)
        status = "built" if p.returncode == 0 else f"build failed (see {target / 'build.log'})"
        for row in rows:
            if row["translation"] != "python":
                row["status"] = status
        print(_table(rows))
        if p.returncode != 0:
            return 1
        wheels = sorted((target / "dist").glob("*.whl"))
        print(f"wheel: {wheels[-1] if wheels else '?'}  (or: cd {target} && maturin develop --release)")
        return 0
    print(_table(rows))
    print(f"wrote {target} (install: cd {target} && maturin develop --release)")
    return 0


# ---------------------------------------------------------------- main


def _parser():
    ap = argparse.ArgumentParser(prog="rustify-ml", description="rustify-ml: native code for plain Python.")
    sub = ap.add_subparsers(dest="command", required=True)
    w = sub.add_parser("warm", help="pre-build the tier-2 cache by running a representative workload")
    w.add_argument("paths", nargs="+", metavar="PATH", help="the application's scripts or directories")
    w.add_argument("--run", metavar="CMD", help="the workload command (default: run each PATH script)")
    w.add_argument("--check", action="store_true", help="exit non-zero when a recorded program is not in the cache")
    w.set_defaults(func=cmd_warm)
    c = sub.add_parser("cache", help="show and manage the tier-2 cache")
    c.add_argument("action", choices=["ls", "info", "clear", "prune"])
    c.add_argument("key", nargs="?", help="entry key or prefix (info)")
    c.add_argument("--max-mb", type=float, help="size cap for prune (default RUSTIFY_CACHE_MAX_MB or 1024)")
    c.set_defaults(func=cmd_cache)
    a = sub.add_parser("accelerate", help="profile a script and write a standalone extension of its hot functions")
    a.add_argument("--file", required=True, metavar="F.py", help="the script to profile (it is run)")
    a.add_argument("--threshold", type=float, default=5.0, metavar="T", help="percent of samples that makes a function hot (5)")
    a.add_argument("--output", default="dist", metavar="DIR", help="where rustify_ml_ext/ is written (dist)")
    a.add_argument("--dry-run", action="store_true", help="write the crate but do not build it")
    a.add_argument("--ml-mode", action="store_true", help="also accept 1-D float64 numpy arrays for lists of floats")
    a.add_argument("--function", action="append", metavar="NAME", help="accelerate this function (repeatable)")
    a.add_argument("--list-targets", action="store_true", help="only print the hot functions found")
    a.set_defaults(func=cmd_accelerate)
    return ap


def main(argv=None):
    args = _parser().parse_args(argv)
    try:
        return args.func(args)
    except UsageError as e:
        print(f"rustify-ml: error: {e}", file=sys.stderr)
        return 2
    except OSError as e:
        print(f"rustify-ml: error: {e}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
