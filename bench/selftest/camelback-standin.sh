#!/usr/bin/env bash
# Stand-in for bin/camelback that speaks the benchmark's CLI contract and delegates to duplicity.
# Lets run.sh's camelback plumbing be tested before the real CLI exists:
#   bench/run.sh --size 20M --camelback bench/selftest/camelback-standin.sh
# STANDIN_CORRUPT=1 makes restores alter one byte, to check that run.sh reports FAILED.
set -euo pipefail

[[ ${1:-} == --help ]] && { echo "camelback stand-in"; exit 0; }
[[ ${1:-} == --config ]] || { echo "stand-in: expected --config FILE first" >&2; exit 64; }
config=$2; shift 2
prop() { sed -n "s/^camelback\.job\.bench\.$1=//p" "$config"; }
src=$(prop source); target=$(prop target); pub=$(prop public-key); cache=$(prop archive-dir)

export GNUPGHOME=$cache/standin-gnupg
mkdir -m 700 -p "$GNUPGHOME"
gpg --batch --quiet --import "$pub" 2>/dev/null
fpr=$(gpg --batch --with-colons --list-keys 2>/dev/null | awk -F: '/^fpr/ {print $10; exit}')
dup=(--encrypt-key "$fpr" --gpg-options "--trust-model always" --archive-dir "$cache" --name bench
     --volsize "$(prop volsize)")

cmd=$1; shift
case $cmd in
  backup)
    [[ ${2:-} == --full ]] && mode=full || mode=incremental
    exec duplicity "$mode" "${dup[@]}" "$src" "$target" ;;
  restore)
    dest=$2; shift 2; file=(); secret=""
    while [[ $# -gt 0 ]]; do
      case $1 in
        --file-to-restore|--file) file=(--file-to-restore "$2"); shift 2 ;;
        --secret-key) secret=$2; shift 2 ;;
        --time) file+=(--time "$2"); shift 2 ;;
        *) echo "stand-in: unknown option $1" >&2; exit 64 ;;
      esac
    done
    gpg --batch --quiet --pinentry-mode loopback --passphrase "$PASSPHRASE" --import "$secret" 2>/dev/null
    duplicity restore "${dup[@]}" "${file[@]}" "$target" "$dest"
    if [[ ${STANDIN_CORRUPT:-0} == 1 ]]; then
      victim=$(find "$dest" -type f -size +0 | sort | head -n 1)
      printf 'X' | dd of="$victim" bs=1 seek=0 conv=notrunc status=none
    fi ;;
  *) echo "stand-in: unsupported command $cmd" >&2; exit 64 ;;
esac
