package camelback.archive;

import java.util.BitSet;

/**
 * The character categories of Python's {@code re} for text patterns, which duplicity's regexes use: {@code \d} is
 * every Unicode decimal digit (not only 0-9, as Java's {@code \d}), {@code \w} is what {@code str.isalnum()} accepts
 * plus the underscore (letters and every kind of number, but no combining marks, unlike Java's Unicode {@code \w}),
 * {@code \s} what {@code str.isspace()} accepts (bidirectional white space and separators, so also U+001C..U+001F,
 * which Java's {@code \s} leaves out). Derived from the JDK's Unicode tables; with the {@code (?a)} flag they are
 * ASCII's.
 */
final class PythonCategories {
    static final int MAX = Character.MAX_CODE_POINT + 1;

    private PythonCategories() {
    }

    /** @param escape d, D, w, W, s or S */
    static BitSet of(char escape, boolean ascii) {
        BitSet base = switch (Character.toLowerCase(escape)) {
            case 'd' -> ascii ? Ascii.DIGIT : Unicode.DIGIT;
            case 'w' -> ascii ? Ascii.WORD : Unicode.WORD;
            case 's' -> ascii ? Ascii.SPACE : Unicode.SPACE;
            default -> throw new IllegalArgumentException("no category \\" + escape);
        };
        BitSet set = (BitSet) base.clone();
        if (Character.isUpperCase(escape)) {
            set.flip(0, MAX);
        }
        return set;
    }

    static boolean isWord(int c, boolean ascii) {
        return (ascii ? Ascii.WORD : Unicode.WORD).get(c);
    }

    private static final class Ascii {
        static final BitSet DIGIT = range('0', '9');
        static final BitSet WORD = word();
        static final BitSet SPACE = chars(" \t\n\r\u000b\f");

        private static BitSet word() {
            BitSet set = range('a', 'z');
            set.or(range('A', 'Z'));
            set.or(DIGIT);
            set.set('_');
            return set;
        }
    }

    /** Built on first use: a pass over every code point. */
    private static final class Unicode {
        static final BitSet DIGIT = new BitSet(MAX);
        static final BitSet WORD = new BitSet(MAX);
        static final BitSet SPACE = new BitSet(MAX);

        static {
            for (int c = 0; c < MAX; c++) {
                int type = Character.getType(c);
                boolean digit = type == Character.DECIMAL_DIGIT_NUMBER;
                DIGIT.set(c, digit);
                WORD.set(c, Character.isLetter(c) || digit || type == Character.LETTER_NUMBER
                        || type == Character.OTHER_NUMBER || c == '_');
                byte direction = Character.getDirectionality(c);
                SPACE.set(c, type == Character.SPACE_SEPARATOR || direction == Character.DIRECTIONALITY_WHITESPACE
                        || direction == Character.DIRECTIONALITY_PARAGRAPH_SEPARATOR
                        || direction == Character.DIRECTIONALITY_SEGMENT_SEPARATOR);
            }
        }
    }

    private static BitSet range(char from, char to) {
        BitSet set = new BitSet();
        set.set(from, to + 1);
        return set;
    }

    private static BitSet chars(String chars) {
        BitSet set = new BitSet();
        chars.chars().forEach(set::set);
        return set;
    }
}
