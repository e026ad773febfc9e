#!/usr/bin/env python3
"""Deterministic benchmark dataset generator for camelback (stdlib only).

  gen.py --out DIR --size 1G [--files N] [--seed S] [--jobs J]
  gen.py --out DIR --small-files 200000 [--seed S]
  gen.py --out DIR --medium-files 5000 [--seed S]
  gen.py mutate --dir DIR [--fraction 0.01] [--seed S] [--log FILE]

The same seed always yields the same bytes, names, modes and mtimes: every file's content comes
from its own random.Random seeded with (seed, relative path), so files can be written in any order
and by several worker processes.
"""

import argparse
import hashlib
import json
import math
import multiprocessing
import os
import random
import re
import stat
import sys
import time

KIB = 1024
MIB = 1024 * KIB
GIB = 1024 * MIB

# Fixed epochs keep mtimes deterministic; mutate moves changed files past every existing mtime.
BASE_MTIME = 1700000000          # 2023-11-14T22:13:20Z
MTIME_SPAN = 180 * 86400         # generated files spread over ~6 months

# ---------------------------------------------------------------------------------------------
# Vocabularies for realistic, varied text. Compression ratios come from structure (field names,
# timestamps, repeated words) while ids, numbers and hex strings keep every line unique.

WORDS = ("alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november "
         "oscar papa quebec romeo sierra tango uniform victor whiskey xray yankee zulu account "
         "order invoice payment customer shipment warehouse inventory backup restore volume "
         "signature manifest session request response timeout retry connection database index "
         "query cache replica primary secondary cluster node shard bucket object upload download "
         "checksum archive compress encrypt decrypt token user admin service gateway router "
         "scheduler worker thread queue message event stream batch job task metric report").split()
LEVELS = ("INFO", "INFO", "INFO", "INFO", "DEBUG", "DEBUG", "WARN", "ERROR")
COMPONENTS = ("c.b.api.OrderController", "c.b.store.S3Uploader", "c.b.job.Scheduler",
              "c.b.db.ConnectionPool", "c.b.auth.TokenFilter", "c.b.cache.RedisClient",
              "c.b.mail.Notifier", "c.b.archive.VolumeWriter", "org.apache.camel.Route",
              "io.netty.EventLoop", "c.b.search.Indexer", "c.b.billing.InvoiceService")
METHODS = ("GET", "GET", "GET", "POST", "PUT", "DELETE")
RESOURCES = ("orders", "customers", "invoices", "items", "sessions", "reports", "users", "files")
STATUS = (200, 200, 200, 200, 201, 204, 301, 304, 400, 401, 403, 404, 409, 500, 503)
EVENTS = ("login", "logout", "purchase", "refund", "view", "search", "click", "signup", "upload")
CITIES = ("Berlin", "Zürich", "São Paulo", "Tokyo", "Kraków", "Montréal", "Oslo", "Lagos",
          "Mumbai", "Austin", "Sydney", "Reykjavík")
FIRST = ("anna", "ben", "chloé", "dmitri", "eva", "farid", "gus", "hana", "ivan", "jürgen",
         "kofi", "lena", "miguel", "noor", "olaf", "priya", "quinn", "rosa", "sven", "tomás")

DIR_NAMES = ("src", "docs", "logs", "data", "config", "reports", "assets", "exports", "tmp",
             "archive", "users", "projects", "2023", "2024", "q1", "q2", "q3", "q4", "db",
             "media", "build", "notes", "Überblick", "données", "проект", "資料")
TEXT_EXT = (".txt", ".md", ".log", ".json", ".csv", ".xml", ".yaml", ".properties", ".sh", ".py")
BIN_EXT = (".jpg", ".png", ".zip", ".gz", ".pdf", ".mp3", ".bin", ".jar")
SEMI_EXT = (".db", ".sqlite", ".tar", ".dump", ".idx", ".pack")


def seeded_rng(seed, *parts):
    """A Random whose state depends only on seed and parts (stable across runs and processes)."""
    key = hashlib.blake2b(repr((seed,) + parts).encode("utf-8"), digest_size=16).digest()
    return random.Random(int.from_bytes(key, "big"))


# ---------------------------------------------------------------------------------------------
# Content generators. Each returns exactly n bytes.

def random_bytes(rng, n):
    return rng.randbytes(n)


def _clock(ms):
    s, ms = divmod(ms, 1000)
    m, s = divmod(s, 60)
    h, m = divmod(m, 60)
    d, h = divmod(h, 24)
    return "2024-%02d-%02dT%02d:%02d:%02d.%03dZ" % (1 + (d // 28) % 12, 1 + d % 28, h, m, s, ms)


def log_text(rng, n, start_ms=0):
    out = []
    total = 0
    t = start_ms
    bits = rng.getrandbits
    words = WORDS
    nw = len(words)
    while total < n:
        r = bits(64)
        t += (r & 0x3FF) + 1
        r >>= 10
        kind = r & 7
        r >>= 3
        lvl = LEVELS[r & 7]
        r >>= 3
        comp = COMPONENTS[r % len(COMPONENTS)]
        r >>= 4
        if kind < 3:
            msg = "%s /api/v1/%s/%d status=%d dur=%dms bytes=%d" % (
                METHODS[r % 6], RESOURCES[(r >> 3) % 8], (r >> 6) & 0xFFFFF,
                STATUS[(r >> 26) % len(STATUS)], (r >> 30) & 0x3FF, bits(20))
        elif kind < 5:
            msg = "user=%s@%d.example.org ip=10.%d.%d.%d session=%016x %s %s" % (
                FIRST[r % 20], (r >> 5) & 0xFF, (r >> 13) & 0xFF, (r >> 21) & 0xFF,
                (r >> 29) & 0xFF, bits(64), words[bits(8) % nw], words[bits(8) % nw])
        elif kind < 7:
            msg = " ".join(words[bits(8) % nw] for _ in range(4 + (r & 7)))
        else:
            msg = "retry %d/%d for %s-%08x: %s timed out after %dms" % (
                r & 3, 5, words[(r >> 2) % nw], bits(32), words[(r >> 10) % nw], (r >> 18) & 0x7FFF)
        line = "%s %-5s [worker-%d] %s - %s\n" % (_clock(t), lvl, (r >> 40) & 15, comp, msg)
        b = line.encode("utf-8")
        out.append(b)
        total += len(b)
    return b"".join(out)[:n]


def json_text(rng, n, start_id=0):
    out = [b"[\n"]
    total = 2
    i = start_id
    bits = rng.getrandbits
    while total < n:
        r = bits(64)
        i += 1
        rec = ('  {"id": %d, "ts": "%s", "user": "%s", "city": "%s", "event": "%s", '
               '"amount": %d.%02d, "currency": "%s", "session": "%016x", "tags": ["%s", "%s"], '
               '"ok": %s}%s\n') % (
            i, _clock((r & 0xFFFFFFF) * 37), FIRST[(r >> 28) % 20], CITIES[(r >> 33) % 12],
            EVENTS[(r >> 37) % 9], (r >> 41) & 0xFFFF, (r >> 57) % 100,
            ("EUR", "USD", "CHF", "JPY")[(r >> 60) & 3], bits(64),
            WORDS[bits(8) % len(WORDS)], WORDS[bits(8) % len(WORDS)],
            "true" if r & 1 else "false", ",")
        b = rec.encode("utf-8")
        out.append(b)
        total += len(b)
    return b"".join(out)[:n]


def csv_text(rng, n, start_id=0):
    out = [b"id,date,sku,qty,price,customer,region,note\n"]
    total = len(out[0])
    i = start_id
    bits = rng.getrandbits
    while total < n:
        r = bits(64)
        i += 1
        row = "%d,2024-%02d-%02d,SKU-%05d,%d,%d.%02d,%s,%s,%s %s\n" % (
            i, 1 + r % 12, 1 + (r >> 4) % 28, (r >> 9) & 0xFFFF, (r >> 25) & 63,
            (r >> 31) & 0x3FFF, (r >> 45) % 100, FIRST[(r >> 52) % 20], CITIES[(r >> 57) % 12],
            WORDS[bits(8) % len(WORDS)], WORDS[bits(8) % len(WORDS)])
        b = row.encode("utf-8")
        out.append(b)
        total += len(b)
    return b"".join(out)[:n]


def source_text(rng, n):
    """Code-like text: indented lines, identifiers, comments."""
    out = []
    total = 0
    bits = rng.getrandbits
    nw = len(WORDS)
    while total < n:
        r = bits(64)
        ind = "    " * (r & 3)
        a, b, c = WORDS[(r >> 2) % nw], WORDS[(r >> 10) % nw], WORDS[(r >> 18) % nw]
        k = (r >> 26) & 7
        if k == 0:
            line = "%s# %s the %s before %s (%d)\n" % (ind, a, b, c, (r >> 29) & 0xFFFF)
        elif k < 4:
            line = "%s%s_%s = %s(%s, %d)\n" % (ind, a, b, c, a, (r >> 29) & 0xFFFFF)
        elif k < 6:
            line = "%sif %s.%s > %d:\n" % (ind, a, b, (r >> 29) & 0xFFF)
        else:
            line = "%sreturn %s_%s(%s)\n" % (ind, b, c, a)
        bb = line.encode("utf-8")
        out.append(bb)
        total += len(bb)
    return b"".join(out)[:n]


def db_pages(rng, n):
    """Database-like pages: fixed-width records with small numbers and zero padding."""
    out = []
    total = 0
    bits = rng.getrandbits
    while total < n:
        page = bytearray(8192)
        nrec = 40 + bits(5)
        off = 64
        for _ in range(nrec):
            r = bits(64)
            rec = r.to_bytes(8, "little")[:3] + bytes(5) + \
                  (r >> 24 & 0xFFFF).to_bytes(4, "little") + \
                  FIRST[(r >> 40) % 20].encode().ljust(16, b"\0") + \
                  CITIES[(r >> 45) % 12].encode().ljust(16, b"\0") + \
                  WORDS[(r >> 50) % len(WORDS)].encode().ljust(24, b"\0")
            page[off:off + len(rec)] = rec
            off += len(rec) + 8
            if off > 8000:
                break
        out.append(bytes(page))
        total += 8192
    return b"".join(out)[:n]


TEXT_KINDS = {
    ".log": log_text, ".json": json_text, ".csv": csv_text, ".py": source_text,
    ".sh": source_text, ".yaml": source_text, ".properties": source_text,
}


def text_for(ext, rng, n):
    gen = TEXT_KINDS.get(ext)
    if gen is None:
        gen = (log_text, json_text, source_text, csv_text)[rng.getrandbits(2)]
    return gen(rng, n)


def semi_block(rng, n):
    """Semi-compressible 1 MiB blocks: ~1/5 random, the rest logs, JSON or database pages."""
    k = rng.getrandbits(4)
    if k < 3:
        return random_bytes(rng, n)
    if k < 8:
        return db_pages(rng, n)
    if k < 12:
        return log_text(rng, n, rng.getrandbits(32))
    return json_text(rng, n, rng.getrandbits(24))


# ---------------------------------------------------------------------------------------------
# File plan: (relpath, kind, size, mode, mtime). Kinds: text, bin, semi, medtext.

def log_uniform(rng, lo, hi):
    return int(math.exp(rng.uniform(math.log(lo), math.log(hi))))


def make_dirs(rng, count):
    dirs = [""]
    while len(dirs) < count:
        parent = dirs[rng.randrange(len(dirs))]
        if parent.count("/") >= 5:
            continue
        name = DIR_NAMES[rng.randrange(len(DIR_NAMES))]
        if rng.random() < 0.5:
            name += "-%d" % rng.randrange(100)
        path = parent + "/" + name if parent else name
        if path not in dirs:
            dirs.append(path)
    return dirs


def plan_tree(seed, size, files):
    rng = seeded_rng(seed, "plan")
    scale = size / GIB
    if files is None:
        files = max(20, int(round(6000 * scale)))
    # Byte budget: ~8 % small text, ~50 % medium (55 % of it random), ~42 % large semi files.
    large_budget = int(size * 0.42)
    n_large = max(1, int(round(large_budget / (130 * MIB))))
    n_medium = max(4, int(round(files * 0.06)))
    n_small = max(8, files - n_medium - n_large)
    medium_budget = int(size * 0.50)
    small_budget = size - large_budget - medium_budget

    dirs = make_dirs(rng, max(4, files // 40))
    used = set()
    plan = []

    def add(kind, size_, ext, mode=0o644):
        d = dirs[rng.randrange(len(dirs))]
        while True:
            base = "%s-%s-%04d" % (WORDS[rng.randrange(len(WORDS))],
                                   WORDS[rng.randrange(len(WORDS))], rng.randrange(10000))
            if rng.random() < 0.03:
                base = "%s-%s" % (FIRST[rng.randrange(20)], CITIES[rng.randrange(12)])  # non-ASCII
            if rng.random() < 0.02:
                base = base.replace("-", " ")
            rel = (d + "/" if d else "") + base + ext
            if rel not in used:
                used.add(rel)
                break
        mtime = BASE_MTIME + rng.randrange(MTIME_SPAN)
        plan.append((rel, kind, size_, mode, mtime))

    def sizes(count, lo, hi, budget):
        raw = [log_uniform(rng, lo, hi) for _ in range(count)]
        f = budget / max(1, sum(raw))
        return [max(1, min(int(s * f), hi * 4)) for s in raw]

    for s in sizes(n_small, 1 * KIB, 64 * KIB, small_budget):
        ext = TEXT_EXT[rng.randrange(len(TEXT_EXT))]
        mode = 0o755 if ext == ".sh" else (0o600 if rng.random() < 0.03 else 0o644)
        add("text", s, ext, mode)
    for s in sizes(n_medium, 64 * KIB, 8 * MIB, medium_budget):
        if rng.random() < 0.55:
            add("bin", s, BIN_EXT[rng.randrange(len(BIN_EXT))])
        else:
            ext = (".log", ".json", ".csv", ".db")[rng.randrange(4)]
            add("semi" if ext == ".db" else "text", s, ext)
    for s in sizes(n_large, 50 * MIB, 200 * MIB, large_budget):
        add("semi", s, SEMI_EXT[rng.randrange(len(SEMI_EXT))])
    # A couple of empty files keep edge cases honest.
    add("text", 0, ".txt")
    add("text", 0, ".lock")

    symlinks = []
    for i in range(max(2, files // 1000)):
        src = plan[rng.randrange(len(plan))][0]
        d = dirs[rng.randrange(len(dirs))]
        name = (d + "/" if d else "") + "link-%d" % i
        if name in used:
            continue
        used.add(name)
        # Relative target from the link's directory.
        target = os.path.relpath(src, d or ".")
        symlinks.append((name, target))
    symlinks.append(("dangling-link", "does/not/exist"))
    empty_dirs = ["empty", "nested/empty/deeper"]
    return dirs, plan, symlinks, empty_dirs


def plan_small_files(seed, count):
    rng = seeded_rng(seed, "small-plan")
    plan = []
    per_dir = 1000
    for i in range(count):
        d = "d%03d/s%02d" % (i // (per_dir * 20), (i // per_dir) % 20)
        ext = TEXT_EXT[rng.randrange(len(TEXT_EXT))]
        rel = "%s/f%06d%s" % (d, i, ext)
        size = 1 * KIB + rng.randrange(3 * KIB + 1)
        mode = 0o755 if ext == ".sh" else 0o644
        plan.append((rel, "text", size, mode, BASE_MTIME + rng.randrange(MTIME_SPAN)))
    dirs = sorted({p[0].rsplit("/", 1)[0] for p in plan})
    return [""] + dirs, plan, [("link-to-first", plan[0][0])], ["empty"]


def plan_medium_files(seed, count):
    """count files of 100 KiB, random and log text in turn, 100 to a directory."""
    rng = seeded_rng(seed, "medium-plan")
    plan = []
    for i in range(count):
        rel = "m%03d/f%05d%s" % (i // 100, i, ".bin" if i % 2 == 0 else ".log")
        plan.append((rel, "bin" if i % 2 == 0 else "text", 100 * KIB, 0o644,
                     BASE_MTIME + rng.randrange(MTIME_SPAN)))
    dirs = sorted({p[0].rsplit("/", 1)[0] for p in plan})
    return [""] + dirs, plan, [], []


def write_file(args):
    out, seed, rel, kind, size, mode, mtime = args
    path = os.path.join(out, rel)
    rng = seeded_rng(seed, "content", rel)
    with open(path, "wb") as f:
        if kind == "bin":
            f.write(random_bytes(rng, size))
        elif kind == "text":
            f.write(text_for(os.path.splitext(rel)[1], rng, size))
        else:  # semi: streamed in 1 MiB blocks, so 200 MB files never sit in memory
            left = size
            while left > 0:
                n = min(MIB, left)
                f.write(semi_block(rng, n))
                left -= n
    os.chmod(path, mode)
    os.utime(path, (mtime, mtime))
    return size


def dir_mtime(seed, rel):
    return BASE_MTIME + seeded_rng(seed, "dir", rel).randrange(MTIME_SPAN)


def generate(out, seed, plan_tuple, jobs):
    dirs, plan, symlinks, empty_dirs = plan_tuple
    if os.path.exists(out) and os.listdir(out):
        sys.exit("gen.py: %s exists and is not empty; remove it or choose another --out" % out)
    os.makedirs(out, exist_ok=True)
    all_dirs = set(d for d in dirs if d)
    for rel, *_ in plan:
        parent = os.path.dirname(rel)
        while parent:
            all_dirs.add(parent)
            parent = os.path.dirname(parent)
    for e in empty_dirs:
        p = e
        while p:
            all_dirs.add(p)
            p = os.path.dirname(p)
    for d in sorted(all_dirs):
        os.makedirs(os.path.join(out, d), exist_ok=True)

    # Largest first so the pool finishes evenly.
    work = sorted(((out, seed) + p for p in plan), key=lambda a: -a[4])
    total = 0
    if jobs > 1:
        with multiprocessing.Pool(jobs) as pool:
            for n in pool.imap_unordered(write_file, work, chunksize=16):
                total += n
    else:
        for w in work:
            total += write_file(w)

    for name, target in symlinks:
        p = os.path.join(out, name)
        os.symlink(target, p)
        m = dir_mtime(seed, "link:" + name)
        os.utime(p, (m, m), follow_symlinks=False)
    # Directories last, deepest first, since creating entries changes a directory's mtime.
    for d in sorted(all_dirs | {""}, key=lambda s: -s.count("/") if s else 1):
        m = dir_mtime(seed, d)
        os.utime(os.path.join(out, d) if d else out, (m, m))
    return total, len(plan), len(symlinks), len(all_dirs)


# ---------------------------------------------------------------------------------------------
# mutate

def walk_tree(root):
    """Sorted regular files (relpath, size, mtime) and directories (relpath) under root."""
    files, dirs = [], []
    for dp, dns, fns in os.walk(root):
        rel_dir = os.path.relpath(dp, root)
        rel_dir = "" if rel_dir == "." else rel_dir
        dirs.append(rel_dir)
        for fn in fns:
            rel = os.path.join(rel_dir, fn)
            st = os.lstat(os.path.join(root, rel))
            if stat.S_ISREG(st.st_mode):
                files.append((rel, st.st_size, int(st.st_mtime)))
    return sorted(files), sorted(dirs)


OPS = ("middle", "append", "new", "delete", "rename")
OP_SHARE = {"middle": 30, "append": 25, "new": 20, "delete": 10, "rename": 15}


def mutate(root, fraction, seed, log_path, ops=OPS):
    if not os.path.isdir(root):
        sys.exit("gen.py mutate: %s is not a directory" % root)
    files, dirs = walk_tree(root)
    if not files:
        sys.exit("gen.py mutate: %s has no regular files" % root)
    newest = max([m for _, _, m in files] + [int(os.stat(os.path.join(root, d)).st_mtime) for d in dirs])
    when = newest + 86400  # a later fixed time: derived only from the tree, so deterministic
    rng = seeded_rng(seed, "mutate", len(files), newest)
    n = max(5, int(round(len(files) * fraction)))
    share = sum(OP_SHARE[op] for op in ops)
    counts = {op: max(1, n * OP_SHARE[op] // share) if op in ops else 0 for op in OPS}
    pool = list(files)
    rng.shuffle(pool)
    # Make sure a large file gets a middle overwrite (exercises rdiff deltas on big files).
    big = sorted(files, key=lambda f: -f[1])[0]
    pool.remove(big)
    pool.insert(0, big)
    log = []
    touched_dirs = set()

    def take(pred):
        for i, f in enumerate(pool):
            if pred(f):
                return pool.pop(i)
        return None

    for i in range(counts["middle"]):
        f = take(lambda f: f[1] >= min(64 * KIB, big[1] // 2))
        if f is None:
            break
        rel, size, _ = f
        length = min(size // 4, rng.choice((4 * KIB, 64 * KIB, 1 * MIB)))
        off = size // 2 - length // 2 + rng.randrange(-length // 2, length // 2 + 1) if length else 0
        off = max(0, min(off, size - length))
        p = os.path.join(root, rel)
        with open(p, "r+b") as fh:
            fh.seek(off)
            fh.write(random_bytes(rng, length))
        os.utime(p, (when, when))
        log.append({"op": "middle", "path": rel, "offset": off, "length": length})
    for i in range(counts["append"]):
        f = take(lambda f: True)
        if f is None:
            break
        rel, size, _ = f
        p = os.path.join(root, rel)
        add = log_text(rng, rng.choice((200, 4 * KIB, 64 * KIB)), rng.getrandbits(32))
        with open(p, "ab") as fh:
            fh.write(add)
        os.utime(p, (when, when))
        log.append({"op": "append", "path": rel, "bytes": len(add)})
    for i in range(counts["delete"]):
        f = take(lambda f: True)
        if f is None:
            break
        os.unlink(os.path.join(root, f[0]))
        touched_dirs.add(os.path.dirname(f[0]))
        log.append({"op": "delete", "path": f[0]})
    for i in range(counts["rename"]):
        f = take(lambda f: True)
        if f is None:
            break
        rel = f[0]
        d = dirs[rng.randrange(len(dirs))]
        if not os.path.isdir(os.path.join(root, d)):
            d = os.path.dirname(rel)
        new = os.path.join(d, "renamed-%d-%s" % (rng.randrange(10 ** 6), os.path.basename(rel))) if d \
            else "renamed-%d-%s" % (rng.randrange(10 ** 6), os.path.basename(rel))
        os.rename(os.path.join(root, rel), os.path.join(root, new))
        # mv keeps the old mtime; a backup tool must still notice the new path.
        touched_dirs.update((os.path.dirname(rel), os.path.dirname(new)))
        log.append({"op": "rename", "path": new, "from": rel})
    for i in range(counts["new"]):
        d = dirs[rng.randrange(len(dirs))]
        if not os.path.isdir(os.path.join(root, d)):
            d = ""
        ext = TEXT_EXT[rng.randrange(len(TEXT_EXT))] if rng.random() < 0.7 else ".bin"
        rel = os.path.join(d, "new-%08x%s" % (rng.getrandbits(32), ext)) if d \
            else "new-%08x%s" % (rng.getrandbits(32), ext)
        size = log_uniform(rng, 1 * KIB, 2 * MIB)
        data = random_bytes(rng, size) if ext == ".bin" else text_for(ext, rng, size)
        p = os.path.join(root, rel)
        with open(p, "wb") as fh:
            fh.write(data)
        os.chmod(p, 0o644)
        os.utime(p, (when, when))
        touched_dirs.add(d)
        log.append({"op": "new", "path": rel, "bytes": size})
    for d in touched_dirs:
        os.utime(os.path.join(root, d) if d else root, (when, when))
    if log_path:
        with open(log_path, "w", encoding="utf-8") as fh:
            for entry in log:
                fh.write(json.dumps(entry, ensure_ascii=False) + "\n")
    summary = {}
    for e in log:
        summary[e["op"]] = summary.get(e["op"], 0) + 1
    print("mutate: %d of %d files changed at mtime %d: %s" % (
        len(log), len(files), when, ", ".join("%s=%d" % kv for kv in sorted(summary.items()))))


# ---------------------------------------------------------------------------------------------

def parse_size(text):
    m = re.fullmatch(r"\s*([0-9]*\.?[0-9]+)\s*([KMGT]?)(I?B)?\s*", text.upper())
    if not m:
        raise argparse.ArgumentTypeError("bad size %r (use e.g. 50M, 1G, 1.5G)" % text)
    return int(float(m.group(1)) * {"": 1, "K": KIB, "M": MIB, "G": GIB, "T": 1024 * GIB}[m.group(2)])


def main(argv):
    if argv and argv[0] == "mutate":
        ap = argparse.ArgumentParser(prog="gen.py mutate", description="change ~fraction of files")
        ap.add_argument("--dir", required=True)
        ap.add_argument("--fraction", type=float, default=0.01)
        ap.add_argument("--seed", type=int, default=1)
        ap.add_argument("--log", help="write one JSON line per change here (keep it outside DIR)")
        ap.add_argument("--ops", default=",".join(OPS),
                        help="comma-separated kinds of change to make, sharing the fraction (default: all of "
                             + ",".join(OPS) + ")")
        a = ap.parse_args(argv[1:])
        ops = tuple(a.ops.split(","))
        bad = [op for op in ops if op not in OPS]
        if bad or not ops:
            ap.error("--ops: unknown kind %s" % ",".join(bad))
        mutate(a.dir, a.fraction, a.seed, a.log, ops)
        return
    ap = argparse.ArgumentParser(prog="gen.py", description="deterministic benchmark tree")
    ap.add_argument("--out", required=True)
    ap.add_argument("--size", type=parse_size, default=parse_size("1G"))
    ap.add_argument("--files", type=int, help="number of regular files (default ~6000 per GiB)")
    ap.add_argument("--small-files", type=int, metavar="N", help="N files of 1-4 KiB instead")
    ap.add_argument("--medium-files", type=int, metavar="N",
                    help="N files of 100 KiB instead, random and text in turn")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    a = ap.parse_args(argv)
    t0 = time.time()
    if a.small_files:
        plan = plan_small_files(a.seed, a.small_files)
    elif a.medium_files:
        plan = plan_medium_files(a.seed, a.medium_files)
    else:
        plan = plan_tree(a.seed, a.size, a.files)
    total, nfiles, nlinks, ndirs = generate(a.out, a.seed, plan, a.jobs)
    print("gen: %s: %d files, %d symlinks, %d dirs, %.1f MiB in %.1f s" % (
        a.out, nfiles, nlinks, ndirs, total / MIB, time.time() - t0))


if __name__ == "__main__":
    main(sys.argv[1:])
