package camelback.archive;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * A tar entry name of a volume or signature file (spec 3.2): a kind prefix, the path index and,
 * for multivol chunks, the chunk number.
 */
public record EntryName(Kind kind, PathIndex index, int chunk) {

    /** The entry name prefixes. */
    public enum Kind {
        SNAPSHOT("snapshot"), DIFF("diff"), DELETED("deleted"), SIGNATURE("signature"),
        MULTIVOL_SNAPSHOT("multivol_snapshot"), MULTIVOL_DIFF("multivol_diff");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }

        public boolean multivol() {
            return this == MULTIVOL_SNAPSHOT || this == MULTIVOL_DIFF;
        }
    }

    /**
     * Parses a name; empty for an unknown prefix. {@code snapshot/./}, {@code snapshot/.} and
     * {@code snapshot/} are the root.
     *
     * @throws IOException for a name with a ".." component or a multivol name without a chunk number
     */
    public static Optional<EntryName> parse(byte[] name) throws IOException {
        int slash = 0;
        while (slash < name.length && name[slash] != '/') {
            slash++;
        }
        String prefix = new String(name, 0, slash, StandardCharsets.US_ASCII);
        Kind kind = null;
        for (Kind k : Kind.values()) {
            if (k.prefix.equals(prefix)) {
                kind = k;
            }
        }
        if (kind == null) {
            return Optional.empty();
        }
        PathIndex index = PathIndex.parse(Arrays.copyOfRange(name, Math.min(slash + 1, name.length), name.length));
        if (index.hasParentReference()) {
            throw new IOException("refusing tar entry with a '..' component: " + new String(name, StandardCharsets.UTF_8));
        }
        int chunk = 0;
        if (kind.multivol()) {
            String number = new String(index.name(), StandardCharsets.US_ASCII);
            try {
                chunk = Integer.parseInt(number);
            } catch (NumberFormatException e) {
                throw new IOException("multivol tar entry without a chunk number: " + new String(name, StandardCharsets.UTF_8));
            }
            index = index.prefix(index.size() - 1);
        }
        return Optional.of(new EntryName(kind, index, chunk));
    }

    /**
     * The entry name bytes. The root is {@code snapshot/.} in volumes (the tar writer adds the
     * directory slash) and {@code snapshot/} in signature files.
     */
    public byte[] toBytes(boolean inVolume) {
        StringBuilder head = new StringBuilder(kind.prefix).append('/');
        byte[] path = index.bytes();
        if (index.isRoot() && inVolume) {
            path = new byte[] {'.'};
        }
        byte[] tail = kind.multivol() ? ("/" + chunk).getBytes(StandardCharsets.US_ASCII) : new byte[0];
        byte[] h = head.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[h.length + path.length + tail.length];
        System.arraycopy(h, 0, out, 0, h.length);
        System.arraycopy(path, 0, out, h.length, path.length);
        System.arraycopy(tail, 0, out, h.length + path.length, tail.length);
        return out;
    }
}
