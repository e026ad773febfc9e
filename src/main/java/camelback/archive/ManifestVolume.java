package camelback.archive;

/** One volume record of a manifest (spec 4.1, 4.3); blocks are null when absent, hash fields null when missing. */
public record ManifestVolume(int number, PathIndex startIndex, Integer startBlock, PathIndex endIndex, Integer endBlock,
                             String hashType, String hash) {

    /**
     * True if this volume may hold entries for {@code path} or below it: {@code start[:len(P)] ≤ P ≤ end}
     * in index order (spec 4.3).
     */
    public boolean mayContain(PathIndex path) {
        return startIndex.prefix(path.size()).compareTo(path) <= 0 && path.compareTo(endIndex) <= 0;
    }

    /** The volume's SHA-1 as the manifest gives it, or null when it gives none to check against. */
    public String sha1() {
        return hash != null && "SHA1".equals(hashType) ? hash : null;
    }
}
