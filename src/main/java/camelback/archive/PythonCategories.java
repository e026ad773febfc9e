package camelback.archive;

import java.util.BitSet;

/**
 * The character categories of Python's {@code re} for text patterns, which duplicity's regexes use, as Java class
 * syntax: {@code \d} is every Unicode decimal digit (not only 0-9, as Java's {@code \d}), {@code \w} is what
 * {@code str.isalnum()} accepts plus the underscore (letters and every kind of number, but no combining marks, unlike
 * Java's Unicode {@code \w}), {@code \s} what {@code str.isspace()} accepts (bidirectional white space and separators,
 * so also U+001C..U+001F, which Java's {@code \s} leaves out). Written with Java's Unicode properties where they are
 * the same sets (a class of hundreds of ranges would be tried range by range for every character of every path); with
 * the {@code (?a)} flag they are ASCII's.
 */
final class PythonCategories {
    private PythonCategories() {
    }

    /**
     * What goes inside a Java class ({@code [...]}) for the escape; a negated one is a nested negated class.
     *
     * @param escape d, D, w, W, s or S
     */
    static String inClass(char escape, boolean ascii) {
        String positive = switch (Character.toLowerCase(escape)) {
            case 'd' -> ascii ? "0-9" : "\\p{Nd}";
            case 'w' -> ascii ? "a-zA-Z0-9_" : "\\p{L}\\p{N}_";
            case 's' -> ascii ? "\\x{20}\\x{9}-\\x{d}" : Space.UNICODE;
            default -> throw new IllegalArgumentException("no category \\" + escape);
        };
        return Character.isUpperCase(escape) ? "[^" + positive + "]" : positive;
    }

    /** The escape as a Java class of its own. */
    static String alone(char escape, boolean ascii) {
        return "[" + inClass(escape, ascii) + "]";
    }

    /** Python's white space: a few dozen code points, so written out; built on first use (a pass over them all). */
    private static final class Space {
        static final String UNICODE = build();

        private static String build() {
            BitSet set = new BitSet();
            for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
                byte direction = Character.getDirectionality(c);
                set.set(c, Character.getType(c) == Character.SPACE_SEPARATOR
                        || direction == Character.DIRECTIONALITY_WHITESPACE
                        || direction == Character.DIRECTIONALITY_PARAGRAPH_SEPARATOR
                        || direction == Character.DIRECTIONALITY_SEGMENT_SEPARATOR);
            }
            String written = GlobClass.written(set, false);
            return written.substring(1, written.length() - 1);
        }
    }
}
