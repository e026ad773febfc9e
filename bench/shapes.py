#!/usr/bin/env python3
"""Deterministic trees of shapes the main bench does not cover (stdlib only).

  shapes.py deep --out DIR [--seed S] [--one-dir]
                                          60 nested directory levels holding 100,000 empty files,
                                          2,000 empty directories and 2,000 random 8 KiB files
                                          with 11 names each (hard links in one directory)
  shapes.py zeros --out DIR [--size 1536M] [--files 1]
                                          SIZE of zeros, in FILES files of equal size

The same seed gives the same names, bytes, modes and mtimes (docs/performance.md, "Other tree shapes").
"""

import argparse
import os
import random
import sys

BASE_MTIME = 1700000000
LEVELS = 60
BRANCHES = 10
EMPTY_FILES = 100_000
EMPTY_DIRS = 2_000
LINKED_FILES = 2_000
NAMES_PER_LINKED = 11
LINKED_SIZE = 8 << 10


def size_arg(text):
    units = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
    if text[-1:].upper() in units:
        return int(text[:-1]) * units[text[-1].upper()]
    return int(text)


def deep(out, seed, one_dir):
    rng = random.Random(seed)
    # level L's spine directory is s00/s01/.../sL; each level also has BRANCHES sibling directories, or the deepest
    # level one directory holding everything
    spine = [os.path.join(*["s%02d" % i for i in range(level + 1)]) for level in range(LEVELS)]
    if one_dir:
        branches = [os.path.join(spine[-1], "b0")]
    else:
        branches = [os.path.join(spine[level], "b%d" % b) for level in range(LEVELS) for b in range(BRANCHES)]
    dirs = []
    for d in spine + branches:
        os.makedirs(os.path.join(out, d), exist_ok=True)
        dirs.append(d)
    for i in range(EMPTY_FILES):
        rel = os.path.join(branches[i % len(branches)], "e%06d" % i)
        path = os.path.join(out, rel)
        with open(path, "wb"):
            pass
        os.chmod(path, rng.choice((0o644, 0o600, 0o640, 0o755)))
        os.utime(path, (BASE_MTIME + i, BASE_MTIME + i))
    for i in range(EMPTY_DIRS):
        rel = os.path.join(branches[rng.randrange(len(branches))], "empty%04d" % i)
        path = os.path.join(out, rel)
        os.mkdir(path)
        os.chmod(path, 0o755)
        dirs.append(rel)
    for i in range(LINKED_FILES):
        # a file's names share a directory, so its copies sit side by side in the tar (duplicity stores each)
        home = branches[rng.randrange(len(branches))]
        names = [os.path.join(home, "h%04d-%02d" % (i, n)) for n in range(NAMES_PER_LINKED)]
        first = os.path.join(out, names[0])
        with open(first, "wb") as f:
            f.write(rng.randbytes(LINKED_SIZE))
        os.chmod(first, 0o644)
        os.utime(first, (BASE_MTIME + i, BASE_MTIME + i))
        for name in names[1:]:
            os.link(first, os.path.join(out, name))
    # directories last and deepest first, so writing in them does not move their mtimes again
    for d in sorted(dirs, key=lambda p: -p.count(os.sep)):
        t = BASE_MTIME + len(d)
        os.utime(os.path.join(out, d), (t, t))
    os.utime(out, (BASE_MTIME, BASE_MTIME))


def zeros(out, size, files):
    os.makedirs(out, exist_ok=True)
    each = size // files
    block = bytes(1 << 20)
    for i in range(files):
        path = os.path.join(out, "zeros%02d.bin" % i)
        with open(path, "wb") as f:
            left = each
            while left > 0:
                n = min(left, len(block))
                f.write(block[:n])
                left -= n
        os.utime(path, (BASE_MTIME + i, BASE_MTIME + i))
    os.utime(out, (BASE_MTIME, BASE_MTIME))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="shape", required=True)
    d = sub.add_parser("deep")
    d.add_argument("--out", required=True)
    d.add_argument("--seed", type=int, default=1)
    d.add_argument("--one-dir", action="store_true", help="every file and empty directory in one deepest directory")
    z = sub.add_parser("zeros")
    z.add_argument("--out", required=True)
    z.add_argument("--size", type=size_arg, default=size_arg("1536M"))
    z.add_argument("--files", type=int, default=1)
    args = parser.parse_args()
    if os.path.exists(args.out) and os.listdir(args.out):
        sys.exit("shapes.py: %s is not empty" % args.out)
    if args.shape == "deep":
        deep(args.out, args.seed, args.one_dir)
    else:
        zeros(args.out, args.size, args.files)


if __name__ == "__main__":
    main()
