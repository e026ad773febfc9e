package camelback.archive;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Translates one Python regular expression into Java's syntax (see {@link PythonRegex} for what differs): Python's own
 * parser ({@code re._parser} of Python 3.11) followed step by step, writing Java as it goes, with Python's errors.
 */
final class PythonRegexTranslator {
    /** Python's {@code MAXREPEAT}: a count from here on is refused by Python. */
    private static final long MAX_REPEAT = 4_294_967_295L;
    private static final long UNBOUNDED = Long.MAX_VALUE;
    private static final String WHITESPACE = " \t\n\r\u000b\f";
    private static final String OCTAL = "01234567";
    private static final String DIGITS = "0123456789";
    private static final String HEX = "0123456789abcdefABCDEF";
    private static final String FLAGS = "iLmsxatu";

    /** A translated piece: its Java text and the number of characters it matches, at least and at most. */
    private record Piece(String java, long min, long max, Kind kind) {
        static Piece one(String java) {
            return new Piece(java, 1, 1, Kind.PLAIN);
        }
    }

    /** What Python lets a quantifier follow: not an anchor, not another quantifier. */
    private enum Kind { PLAIN, ANCHOR, REPEAT }

    private final String source;
    private int pos;
    private boolean ignoreCase;
    private boolean ascii;
    private boolean dotAll;
    private boolean multiline;
    private boolean verbose;
    private int groups;
    private final BitSet closed = new BitSet();
    private final Map<String, Integer> names = new HashMap<>();
    private int lookbehinds;

    PythonRegexTranslator(String source) {
        this.source = source;
    }

    String translate() {
        Piece whole = alternation(false);
        if (pos < source.length()) {
            throw error("unbalanced parenthesis");
        }
        return whole.java();
    }

    private Piece alternation(boolean nested) {
        // No flag changes between branches: global ones come only first, scoped ones end with their group.
        List<Piece> branches = new ArrayList<>();
        while (true) {
            branches.add(sequence(!nested && branches.isEmpty()));
            if (!match('|')) {
                break;
            }
        }
        if (branches.size() == 1) {
            return branches.get(0);
        }
        StringBuilder java = new StringBuilder();
        long min = UNBOUNDED;
        long max = 0;
        for (Piece branch : branches) {
            java.append(java.length() == 0 ? "" : "|").append(branch.java());
            min = Math.min(min, branch.min());
            max = Math.max(max, branch.max());
        }
        return new Piece(java.toString(), min, max, Kind.PLAIN);
    }

    /** @param first whether this is the expression's first branch, where global flags may stand */
    private Piece sequence(boolean first) {
        List<Piece> items = new ArrayList<>();
        while (pos < source.length()) {
            int c = source.codePointAt(pos);
            if (c == '|' || c == ')') {
                break;
            }
            pos += Character.charCount(c);
            if (verbose && WHITESPACE.indexOf(c) >= 0) {
                continue;
            }
            if (verbose && c == '#') {
                while (pos < source.length() && source.charAt(pos++) != '\n') {
                    // a comment runs to the end of the line
                }
                continue;
            }
            switch (c) {
                case '\\' -> items.add(escape());
                case '[' -> items.add(charClass());
                case '*', '+', '?', '{' -> repeat(items, c);
                case '.' -> items.add(Piece.one(dotAll ? "(?s:.)" : "[^\\n]"));
                case '(' -> group(items, first && items.isEmpty());
                case '^' -> items.add(anchor(multiline ? "(?<![^\\n])" : "\\A"));
                case '$' -> items.add(anchor(multiline ? "(?=\\n|\\z)" : "(?=\\n?\\z)"));
                default -> items.add(literal(c));
            }
        }
        StringBuilder java = new StringBuilder();
        long min = 0;
        long max = 0;
        for (Piece item : items) {
            java.append(item.java());
            min = add(min, item.min());
            max = add(max, item.max());
        }
        return new Piece(java.toString(), min, max, Kind.PLAIN);
    }

    private static Piece anchor(String java) {
        return new Piece(java, 0, 0, Kind.ANCHOR);
    }

    private void repeat(List<Piece> items, int c) {
        int here = pos;
        long min;
        long max;
        if (c == '?') {
            min = 0;
            max = 1;
        } else if (c == '*') {
            min = 0;
            max = UNBOUNDED;
        } else if (c == '+') {
            min = 1;
            max = UNBOUNDED;
        } else {
            if (peek() == '}') {
                items.add(literal('{'));
                return;
            }
            String lo = digits();
            String hi = match(',') ? digits() : lo;
            if (!match('}')) {
                items.add(literal('{'));
                pos = here;
                return;
            }
            min = lo.isEmpty() ? 0 : count(lo);
            max = hi.isEmpty() ? UNBOUNDED : count(hi);
            if (max < min) {
                throw error("min repeat greater than max repeat");
            }
        }
        Piece item = items.isEmpty() ? null : items.get(items.size() - 1);
        if (item == null || item.kind() == Kind.ANCHOR) {
            throw error("nothing to repeat");
        }
        if (item.kind() == Kind.REPEAT) {
            throw error("multiple repeat");
        }
        String quantifier = "{" + min + "," + (max == UNBOUNDED ? "" : String.valueOf(max)) + "}";
        if (match('?')) {
            quantifier += "?";
        } else if (match('+')) {
            quantifier += "+";
        }
        long low = item.min() == UNBOUNDED ? UNBOUNDED : Math.min(multiply(item.min(), min), MAX_REPEAT - 1);
        long high = item.max() == 0 ? 0 : max == UNBOUNDED ? UNBOUNDED : multiply(item.max(), max);
        items.set(items.size() - 1, new Piece("(?:" + item.java() + ")" + quantifier, low, high, Kind.REPEAT));
    }

    private long count(String digits) {
        long n = digits.length() > 12 ? MAX_REPEAT : Long.parseLong(digits);
        if (n >= MAX_REPEAT) {
            throw error("the repetition number is too large");
        }
        if (n > Integer.MAX_VALUE - 1) {
            throw new SelectionException("the regular expression " + source + " repeats " + digits
                    + " times, more than Java's regex engine counts");
        }
        return n;
    }

    private String digits() {
        int start = pos;
        while (pos < source.length() && DIGITS.indexOf(source.charAt(pos)) >= 0) {
            pos++;
        }
        return source.substring(start, pos);
    }

    private void group(List<Piece> items, boolean first) {
        int start = pos - 1;
        boolean capture = true;
        String prefix = "(";
        String name = null;
        boolean lookbehind = false;
        boolean lookaround = false;
        boolean savedDotAll = dotAll;
        boolean savedMultiline = multiline;
        boolean savedVerbose = verbose;
        if (match('?')) {
            int c = next("unexpected end of pattern");
            switch (c) {
                case 'P' -> {
                    if (match('<')) {
                        name = until('>', "group name");
                        checkGroupName(name);
                    } else if (match('=')) {
                        String ref = until(')', "group name");
                        checkGroupName(ref);
                        Integer gid = names.get(ref);
                        if (gid == null) {
                            throw error("unknown group name '" + ref + "'");
                        }
                        items.add(groupReference(gid));
                        return;
                    } else {
                        int d = next("unexpected end of pattern");
                        throw error("unknown extension ?P" + Character.toString(d));
                    }
                }
                case ':' -> {
                    capture = false;
                    prefix = "(?:";
                }
                case '#' -> {
                    while (true) {
                        if (pos >= source.length()) {
                            throw error("missing ), unterminated comment");
                        }
                        if (source.charAt(pos++) == ')') {
                            return;
                        }
                    }
                }
                case '=', '!', '<' -> {
                    if (c == '<') {
                        int d = next("unexpected end of pattern");
                        if (d != '=' && d != '!') {
                            throw error("unknown extension ?<" + Character.toString(d));
                        }
                        lookbehind = true;
                        prefix = d == '=' ? "(?<=" : "(?<!";
                    } else {
                        prefix = c == '=' ? "(?=" : "(?!";
                    }
                    capture = false;
                    lookaround = true;
                }
                case '(' -> throw new SelectionException("the regular expression " + source
                        + " has a conditional group (?(...)...), which Java's regex engine does not have");
                case '>' -> {
                    capture = false;
                    prefix = "(?>";
                }
                default -> {
                    if (FLAGS.indexOf(c) < 0 && c != '-') {
                        throw error("unknown extension ?" + Character.toString(c));
                    }
                    if (flags(c, first)) {
                        return;
                    }
                    capture = false;
                    prefix = "(?:";
                }
            }
        }
        int number = 0;
        if (capture) {
            number = ++groups;
            if (name != null && names.putIfAbsent(name, number) != null) {
                throw error("redefinition of group name '" + name + "' as group " + number);
            }
        }
        if (lookbehind) {
            lookbehinds++;
        }
        Piece inner = alternation(true);
        if (lookbehind) {
            lookbehinds--;
        }
        dotAll = savedDotAll;
        multiline = savedMultiline;
        verbose = savedVerbose;
        if (!match(')')) {
            pos = start;
            throw error("missing ), unterminated subpattern");
        }
        if (capture) {
            closed.set(number);
        }
        if (lookbehind && (inner.min() != inner.max() || inner.max() == UNBOUNDED)) {
            throw error("look-behind requires fixed-width pattern");
        }
        String java = prefix + inner.java() + ")";
        items.add(lookaround ? new Piece(java, 0, 0, Kind.PLAIN) : new Piece(java, inner.min(), inner.max(), Kind.PLAIN));
    }

    /**
     * Python's inline flags after {@code (?}: global ones ({@code (?i)}, at the start only) or scoped ones
     * ({@code (?s-m:...)}, which set the flags for the group that follows). Returns whether they were global.
     */
    private boolean flags(int c, boolean first) {
        StringBuilder on = new StringBuilder();
        StringBuilder off = new StringBuilder();
        if (c != '-') {
            while (true) {
                if (c == 'L') {
                    throw error("bad inline flags: cannot use 'L' flag with a str pattern");
                }
                on.appendCodePoint(c);
                if (on.indexOf("a") >= 0 && on.indexOf("u") >= 0) {
                    throw error("bad inline flags: flags 'a', 'u' and 'L' are incompatible");
                }
                c = next("missing -, : or )");
                if (c == ')' || c == '-' || c == ':') {
                    break;
                }
                if (FLAGS.indexOf(c) < 0) {
                    throw error(Character.isLetter(c) ? "unknown flag" : "missing -, : or )");
                }
            }
        }
        if (c == ')') {
            if (!first) {
                throw error("global flags not at the start of the expression");
            }
            applyGlobal(on.toString());
            return true;
        }
        if (on.indexOf("t") >= 0) {
            throw error("bad inline flags: cannot turn on global flag");
        }
        if (c == '-') {
            c = next("missing flag");
            if (FLAGS.indexOf(c) < 0) {
                throw error(Character.isLetter(c) ? "unknown flag" : "missing flag");
            }
            while (true) {
                if ("aLu".indexOf(c) >= 0) {
                    throw error("bad inline flags: cannot turn off flags 'a', 'u' and 'L'");
                }
                off.appendCodePoint(c);
                c = next("missing :");
                if (c == ':') {
                    break;
                }
                if (FLAGS.indexOf(c) < 0) {
                    throw error(Character.isLetter(c) ? "unknown flag" : "missing :");
                }
            }
        }
        if (off.indexOf("t") >= 0) {
            throw error("bad inline flags: cannot turn off global flag");
        }
        for (char flag : on.toString().toCharArray()) {
            if (off.indexOf(String.valueOf(flag)) >= 0) {
                throw error("bad inline flags: flag turned on and off");
            }
        }
        String scoped = on.toString() + off;
        for (char flag : scoped.toCharArray()) {
            if ("smx".indexOf(flag) < 0) {
                throw new SelectionException("the regular expression " + source + " sets the flag " + flag
                        + " for part of it only, which camelback does not translate; set it for the whole"
                        + " expression with (?" + flag + ") at its start");
            }
        }
        dotAll = (dotAll || on.indexOf("s") >= 0) && off.indexOf("s") < 0;
        multiline = (multiline || on.indexOf("m") >= 0) && off.indexOf("m") < 0;
        verbose = (verbose || on.indexOf("x") >= 0) && off.indexOf("x") < 0;
        return false;
    }

    private void applyGlobal(String on) {
        if (on.contains("t")) {
            throw new SelectionException("the regular expression " + source
                    + " uses Python's deprecated template flag t, which has no Java equivalent");
        }
        ignoreCase |= on.contains("i");
        ascii |= on.contains("a");
        dotAll |= on.contains("s");
        multiline |= on.contains("m");
        verbose |= on.contains("x");
        if (ignoreCase && ascii) {
            throw new SelectionException("the regular expression " + source
                    + " ignores case in ASCII only (flags a and i), which camelback does not translate");
        }
    }

    private void checkGroupName(String name) {
        if (name.isEmpty() || !Character.isUnicodeIdentifierStart(name.codePointAt(0)) && name.charAt(0) != '_'
                || !name.codePoints().skip(1).allMatch(Character::isUnicodeIdentifierPart)) {
            throw error("bad character in group name '" + name + "'");
        }
    }

    private Piece groupReference(int group) {
        if (!closed.get(group)) {
            throw error("cannot refer to an open group");
        }
        if (lookbehinds > 0) {
            throw new SelectionException("the regular expression " + source
                    + " refers to a group inside a look-behind, which camelback does not translate");
        }
        return new Piece("\\" + group, 0, UNBOUNDED, Kind.PLAIN);
    }

    /** After a backslash outside a class. */
    private Piece escape() {
        int c = next("bad escape (end of pattern)");
        switch (c) {
            case 'A':
                return anchor("\\A");
            case 'Z':
                return anchor("\\z");
            case 'b':
                return anchor(boundary(true));
            case 'B':
                return anchor(boundary(false));
            case 'd', 'D', 'w', 'W', 's', 'S':
                return Piece.one(PythonCategories.alone((char) c, ascii));
            default:
                break;
        }
        int simple = simpleEscape(c);
        if (simple >= 0) {
            return literal(simple);
        }
        if (c == '0') {
            return literal(Integer.parseInt("0" + take(2, OCTAL), 8));
        }
        if (c >= '1' && c <= '9') {
            String number = Character.toString(c);
            if (pos < source.length() && DIGITS.indexOf(source.charAt(pos)) >= 0) {
                number += source.charAt(pos++);
                if (OCTAL.indexOf(number.charAt(0)) >= 0 && OCTAL.indexOf(number.charAt(1)) >= 0
                        && pos < source.length() && OCTAL.indexOf(source.charAt(pos)) >= 0) {
                    number += source.charAt(pos++);
                    int value = Integer.parseInt(number, 8);
                    if (value > 0377) {
                        throw error("octal escape value \\" + number + " outside of range 0-0o377");
                    }
                    return literal(value);
                }
            }
            int group = Integer.parseInt(number);
            if (group <= groups) {
                return groupReference(group);
            }
            throw error("invalid group reference " + group);
        }
        return literal(otherEscape(c));
    }

    /** {@code \b} (or {@code \B}) as Python decides it: between a word character (Python's) and another. */
    private String boundary(boolean at) {
        String word = PythonCategories.alone('w', ascii);
        return at ? "(?:(?<=" + word + ")(?!" + word + ")|(?<!" + word + ")(?=" + word + "))"
                : "(?:(?<=" + word + ")(?=" + word + ")|(?<!" + word + ")(?!" + word + "))";
    }

    /** The escapes both places share: {@code \n}, {@code \x41}, {@code \u00e9}, {@code \N{EM DASH}}; -1 for others. */
    private int simpleEscape(int c) {
        switch (c) {
            case 'a':
                return 7;
            case 'f':
                return '\f';
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 't':
                return '\t';
            case 'v':
                return 0x0b;
            case '\\':
                return '\\';
            case 'x':
                return hex(2, "x");
            case 'u':
                return hex(4, "u");
            case 'U': {
                int value = hex(8, "U");
                if (value < 0 || value > Character.MAX_CODE_POINT) {
                    throw error("bad escape \\U: not a code point");
                }
                return value;
            }
            case 'N': {
                if (!match('{')) {
                    throw error("missing {");
                }
                String name = until('}', "character name");
                int value;
                try {
                    value = Character.codePointOf(name);
                } catch (IllegalArgumentException e) {
                    throw error("undefined character name '" + name + "'");
                }
                if (!name.equals(Character.getName(value))) {
                    throw new SelectionException("the regular expression " + source + " names the character "
                            + name + ", which camelback knows only by its Unicode name " + Character.getName(value));
                }
                return value;
            }
            default:
                return -1;
        }
    }

    private int hex(int digits, String escape) {
        String value = take(digits, HEX);
        if (value.length() != digits) {
            throw error("incomplete escape \\" + escape + value);
        }
        return (int) Long.parseLong(value, 16);
    }

    /** An escaped character that stands for itself; an escaped ASCII letter Python does not know is an error. */
    private int otherEscape(int c) {
        if (c < 0x80 && Character.isLetterOrDigit(c)) {
            throw error("bad escape \\" + Character.toString(c));
        }
        return c;
    }

    private String take(int most, String allowed) {
        int start = pos;
        while (pos < source.length() && pos - start < most && allowed.indexOf(source.charAt(pos)) >= 0) {
            pos++;
        }
        return source.substring(start, pos);
    }

    /** A class after its {@code [}, as Python reads it: no nesting, no {@code &&}, a leading {@code ]} is a character. */
    private Piece charClass() {
        int here = pos - 1;
        boolean negated = match('^');
        BitSet set = new BitSet();
        StringBuilder categories = new StringBuilder();
        boolean empty = true;
        while (true) {
            if (pos >= source.length()) {
                pos = here;
                throw error("unterminated character set");
            }
            int c = source.codePointAt(pos);
            pos += Character.charCount(c);
            if (c == ']' && !empty) {
                break;
            }
            empty = false;
            String category = null;
            int first = c;
            if (c == '\\') {
                int e = next("bad escape (end of pattern)");
                if ("dDwWsS".indexOf(e) >= 0) {
                    category = PythonCategories.inClass((char) e, ascii);
                } else {
                    first = classEscape(e);
                }
            }
            if (match('-')) {
                if (pos >= source.length()) {
                    pos = here;
                    throw error("unterminated character set");
                }
                int d = source.codePointAt(pos);
                pos += Character.charCount(d);
                if (d == ']') {
                    add(set, categories, category, first, first);
                    add(set, categories, null, '-', '-');
                    break;
                }
                int last = d;
                boolean lastIsCategory = false;
                if (d == '\\') {
                    int e = next("bad escape (end of pattern)");
                    lastIsCategory = "dDwWsS".indexOf(e) >= 0;
                    last = lastIsCategory ? 0 : classEscape(e);
                }
                if (category != null || lastIsCategory || last < first) {
                    throw error("bad character range");
                }
                add(set, categories, null, first, last);
            } else {
                add(set, categories, category, first, first);
            }
        }
        String body = (set.isEmpty() ? "" : GlobClass.written(set, false)) + categories;
        if (body.isEmpty()) {
            return Piece.one(negated ? "(?s:.)" : "(?!)");
        }
        // Java 9 and later negate the whole class, nested classes and properties included, as Python does.
        return Piece.one("[" + (negated ? "^" : "") + body + "]");
    }

    /**
     * Adds a class's character, range or category. Ignoring case, the characters are their lowercase forms (the path
     * is lowered); a category is tested on the lowered character then, as Python tests a class holding a cased
     * character.
     */
    private void add(BitSet set, StringBuilder categories, String category, int first, int last) {
        if (category != null) {
            categories.append(category);
        } else if (ignoreCase) {
            for (int c = first; c <= last; c++) {
                IgnoreCase.addMatched(c, set);
            }
        } else {
            set.set(first, last + 1);
        }
    }

    /** After a backslash inside a class: {@code \b} is a backspace there, and an anchor is an error. */
    private int classEscape(int c) {
        if (c == 'b') {
            return '\b';
        }
        int simple = simpleEscape(c);
        if (simple >= 0) {
            return simple;
        }
        if (OCTAL.indexOf(c) >= 0) {
            String number = Character.toString(c) + take(2, OCTAL);
            int value = Integer.parseInt(number, 8);
            if (value > 0377) {
                throw error("octal escape value \\" + number + " outside of range 0-0o377");
            }
            return value;
        }
        if (c == '8' || c == '9') {
            throw error("bad escape \\" + Character.toString(c));
        }
        return otherEscape(c);
    }

    /** A character of the pattern; ignoring case, every character whose lowercase form Python takes for it. */
    private Piece literal(int c) {
        if (!ignoreCase) {
            return Piece.one(GlobClass.codePoint(c));
        }
        BitSet matched = new BitSet();
        IgnoreCase.addMatched(c, matched);
        return Piece.one(written(matched));
    }

    private static String written(BitSet set) {
        return set.isEmpty() ? "(?!)" : GlobClass.written(set, false);
    }

    private int peek() {
        return pos < source.length() ? source.codePointAt(pos) : -1;
    }

    private boolean match(int c) {
        if (peek() == c) {
            pos += Character.charCount(c);
            return true;
        }
        return false;
    }

    private int next(String atEnd) {
        if (pos >= source.length()) {
            throw error(atEnd);
        }
        int c = source.codePointAt(pos);
        pos += Character.charCount(c);
        return c;
    }

    private String until(char end, String what) {
        int start = pos;
        int found = source.indexOf(end, pos);
        if (found < 0) {
            throw error("missing " + end + ", unterminated name");
        }
        pos = found + 1;
        String name = source.substring(start, found);
        if (name.isEmpty()) {
            throw error("missing " + what);
        }
        return name;
    }

    private SelectionException error(String message) {
        return new SelectionException("the regular expression " + source + " is not valid in Python: " + message
                + " at position " + source.codePointCount(0, Math.min(pos, source.length())));
    }

    private static long add(long a, long b) {
        return a == UNBOUNDED || b == UNBOUNDED ? UNBOUNDED : a + b;
    }

    private static long multiply(long a, long b) {
        if (a == UNBOUNDED || b == UNBOUNDED) {
            return a == 0 || b == 0 ? 0 : UNBOUNDED;
        }
        return a != 0 && b > UNBOUNDED / a ? UNBOUNDED : a * b;
    }

    /** Whether the expression starts with {@code (?i)}: the Java pattern is then for the lowercased path. */
    boolean ignoresCase() {
        return ignoreCase;
    }
}
