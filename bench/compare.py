#!/usr/bin/env python3
"""Compare two trees (or two files): type, content, permission bits, mtime (whole seconds),
symlink targets, and optionally owner. Prints every difference (up to --max) and exits 1 if any,
0 if identical, 2 on usage errors.

  compare.py A B [--max 20] [--no-dir-mtime] [--owner]
"""

import argparse
import os
import stat
import sys

CHUNK = 1 << 20


def same_content(a, b):
    with open(a, "rb") as fa, open(b, "rb") as fb:
        while True:
            x = fa.read(CHUNK)
            y = fb.read(CHUNK)
            if x != y:
                return False
            if not x:
                return True


def kind(mode):
    if stat.S_ISLNK(mode):
        return "symlink"
    if stat.S_ISDIR(mode):
        return "dir"
    if stat.S_ISREG(mode):
        return "file"
    return "special"


def entries(root):
    """Relative path -> lstat result, for the whole tree (root itself is '.')."""
    out = {}
    st = os.lstat(root)
    out["."] = st
    if not stat.S_ISDIR(st.st_mode):
        return out
    for dp, dns, fns in os.walk(root):
        rel_dir = os.path.relpath(dp, root)
        for name in dns + fns:
            rel = os.path.normpath(os.path.join(rel_dir, name))
            out[rel] = os.lstat(os.path.join(dp, name))
    return out


def compare(a, b, check_dir_mtime, check_owner, report):
    ea, eb = entries(a), entries(b)
    for rel in sorted(ea.keys() - eb.keys()):
        report("only in A: %s" % rel)
    for rel in sorted(eb.keys() - ea.keys()):
        report("only in B: %s" % rel)
    for rel in sorted(ea.keys() & eb.keys()):
        sa, sb = ea[rel], eb[rel]
        pa = a if rel == "." else os.path.join(a, rel)
        pb = b if rel == "." else os.path.join(b, rel)
        ka, kb = kind(sa.st_mode), kind(sb.st_mode)
        if ka != kb:
            report("%s: type %s vs %s" % (rel, ka, kb))
            continue
        if ka == "symlink":
            ta, tb = os.readlink(pa), os.readlink(pb)
            if ta != tb:
                report("%s: symlink target %r vs %r" % (rel, ta, tb))
            continue  # symlink permissions and times are not portable across tools
        if stat.S_IMODE(sa.st_mode) != stat.S_IMODE(sb.st_mode):
            report("%s: mode %o vs %o" % (rel, stat.S_IMODE(sa.st_mode), stat.S_IMODE(sb.st_mode)))
        if check_owner and (sa.st_uid, sa.st_gid) != (sb.st_uid, sb.st_gid):
            report("%s: owner %d:%d vs %d:%d" % (rel, sa.st_uid, sa.st_gid, sb.st_uid, sb.st_gid))
        if (ka != "dir" or check_dir_mtime) and int(sa.st_mtime) != int(sb.st_mtime):
            report("%s: mtime %d vs %d" % (rel, int(sa.st_mtime), int(sb.st_mtime)))
        if ka == "file":
            if sa.st_size != sb.st_size:
                report("%s: size %d vs %d" % (rel, sa.st_size, sb.st_size))
            elif not same_content(pa, pb):
                report("%s: content differs" % rel)
    return len(ea)


def main():
    ap = argparse.ArgumentParser(description="compare two trees or files")
    ap.add_argument("a")
    ap.add_argument("b")
    ap.add_argument("--max", type=int, default=20, help="differences to print (default 20)")
    ap.add_argument("--no-dir-mtime", action="store_true", help="ignore directory mtimes")
    ap.add_argument("--owner", action="store_true", help="also compare uid/gid")
    args = ap.parse_args()
    for p in (args.a, args.b):
        if not os.path.lexists(p):
            print("compare: %s does not exist" % p, file=sys.stderr)
            sys.exit(2)
    diffs = []

    def report(msg):
        diffs.append(msg)
        if len(diffs) <= args.max:
            print(msg)

    n = compare(args.a, args.b, not args.no_dir_mtime, args.owner, report)
    if diffs:
        if len(diffs) > args.max:
            print("... and %d more" % (len(diffs) - args.max))
        print("compare: %d difference(s) between %s and %s" % (len(diffs), args.a, args.b),
              file=sys.stderr)
        sys.exit(1)
    print("compare: identical (%d entries)" % n, file=sys.stderr)


if __name__ == "__main__":
    main()
