package camelback.archive;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Case-insensitive matching as Python's {@code re.IGNORECASE} does it, which duplicity's {@code ignorecase:} globs
 * use: a character of the path matches a character of the glob when their simple lowercase forms are equal, or when
 * the glob's lowercase form has "extra cases" (lowercase letters that share one uppercase form, such as s and the
 * long s, i and the dotless i, σ and ς). Java's {@code CASE_INSENSITIVE} differs on a few of these: it does not match
 * the capital sharp s to ß alone or in a class, nor i to a range holding the dotless i. So an ignorecase glob is
 * matched case-sensitively against the lowercased path, each of its characters standing for the lowercase forms it
 * matches.
 */
final class IgnoreCase {
    private IgnoreCase() {
    }

    /** The path with each character in its simple lowercase form, as Python's re lowers what it matches. */
    static String lower(String text) {
        if (text.chars().allMatch(c -> c < 0x80)) {
            // the common path, once per path and glob: ASCII's lowercase is the same in every table
            return text.toLowerCase(Locale.ROOT);
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.appendCodePoint(Character.toLowerCase(c)));
        return out.toString();
    }

    /** Adds the lowercase forms a glob character {@code c} matches. */
    static void addMatched(int c, BitSet into) {
        int lower = Character.toLowerCase(c);
        into.set(lower);
        int[] extra = ExtraCases.BY_LOWER.get(lower);
        if (extra != null) {
            for (int other : extra) {
                into.set(other);
            }
        }
    }

    /**
     * Lowercase letters whose uppercase forms are one and the same text, so that each matches the others; the table
     * Python's re derives from Unicode data, derived here from Java's (they agree where both know a character). Built
     * on first use: it takes a pass over every code point.
     */
    private static final class ExtraCases {
        static final Map<Integer, int[]> BY_LOWER = build();

        private static Map<Integer, int[]> build() {
            Map<String, TreeSet<Integer>> lowersByUpper = new HashMap<>();
            for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
                int lower = Character.toLowerCase(c);
                if (lower == c && Character.toUpperCase(c) == c && !Character.isLowerCase(c)) {
                    continue; // no case: a group of its own
                }
                String upper = new String(Character.toChars(c)).toUpperCase(Locale.ROOT);
                lowersByUpper.computeIfAbsent(upper, u -> new TreeSet<>()).add(lower);
            }
            Map<Integer, int[]> byLower = new HashMap<>();
            for (TreeSet<Integer> lowers : lowersByUpper.values()) {
                if (lowers.size() > 1) {
                    for (int lower : lowers) {
                        byLower.put(lower, lowers.stream().filter(other -> other != lower)
                                .mapToInt(Integer::intValue).toArray());
                    }
                }
            }
            return byLower;
        }
    }
}
