package camelback.archive;

import java.util.BitSet;

/**
 * A glob's {@code [...]}, read as duplicity has Python's re read it: a leading {@code !} or {@code ^} negates, a
 * {@code ]} right after that is a character, {@code a-c} is a range unless the {@code -} comes first or last, and
 * every other character (a backslash, {@code [}, {@code &}) is itself. Written out for Java as the explicit set of
 * code points, so that no Java class syntax can read it differently; a class can match a slash.
 */
final class GlobClass {
    private GlobClass() {
    }

    /**
     * @param inside     what lies between the brackets
     * @param ignoreCase whether the set is of the lowercase forms its characters match (see {@link IgnoreCase})
     * @throws SelectionException for a range that runs backwards, which duplicity crashes on
     */
    static String regex(String inside, boolean ignoreCase) {
        boolean negated = inside.startsWith("!") || inside.startsWith("^");
        int[] chars = (negated ? inside.substring(1) : inside).codePoints().toArray();
        BitSet set = new BitSet();
        int k = 0;
        while (k < chars.length) {
            int first = chars[k++];
            int last = first;
            if (k + 1 < chars.length && chars[k] == '-') {
                last = chars[k + 1];
                k += 2;
                if (last < first) {
                    throw new SelectionException("bad character range " + new String(chars, k - 3, 3));
                }
            }
            if (!ignoreCase) {
                set.set(first, last + 1);
                continue;
            }
            for (int c = first; c <= last; c++) {
                IgnoreCase.addMatched(c, set);
            }
        }
        return written(set, negated);
    }

    /** A set of code points as a Java class; a single code point alone. */
    static String written(BitSet set, boolean negated) {
        if (!negated && set.cardinality() == 1) {
            return codePoint(set.nextSetBit(0));
        }
        StringBuilder regex = new StringBuilder(negated ? "[^" : "[");
        for (int lo = set.nextSetBit(0); lo >= 0; lo = set.nextSetBit(lo)) {
            int hi = set.nextClearBit(lo) - 1;
            regex.append(codePoint(lo));
            if (hi > lo) {
                regex.append('-').append(codePoint(hi));
            }
            lo = hi + 1;
        }
        return regex.append(']').toString();
    }

    /** One code point as a regex escape: no character needs thinking about. */
    static String codePoint(int c) {
        return "\\x{" + Integer.toHexString(c) + "}";
    }
}
