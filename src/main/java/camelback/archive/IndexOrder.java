package camelback.archive;

import java.util.Comparator;

/**
 * Duplicity's entry order (spec 3.4): component by component, each compared as unsigned bytes,
 * a prefix first. So {@code a < a/b < a.txt} and upper case before lower case.
 */
public final class IndexOrder implements Comparator<PathIndex> {
    public static final IndexOrder INSTANCE = new IndexOrder();

    private IndexOrder() {
    }

    @Override
    public int compare(PathIndex a, PathIndex b) {
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            int c = compareBytes(a.component(i), b.component(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    /** Unsigned lexicographic order of two byte strings, a prefix first. */
    public static int compareBytes(byte[] a, byte[] b) {
        int n = Math.min(a.length, b.length);
        for (int i = 0; i < n; i++) {
            int c = Integer.compare(a[i] & 0xff, b[i] & 0xff);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.length, b.length);
    }
}
