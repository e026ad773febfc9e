package camelback.archive;

import java.util.List;
import java.util.Random;

/**
 * Random Python regular expressions for {@code --exclude-regexp} and {@code --include-regexp} over a
 * {@link RandomTree}: pieces of the tree's own paths, so most match something, with the constructs Python's and
 * Java's engines read differently ({@code \d}, {@code \w}, {@code \s}, {@code \b}, {@code $}, {@code \Z},
 * {@code .}, classes with {@code [} or {@code &&}, {@code {,n}}, possessive and lazy quantifiers, named groups and
 * their references, atomic groups, look-arounds, inline flags), and now and then one Python refuses.
 */
final class RandomRegex {
    private static final String[] CLASS_ESCAPES = {"\\d", "\\D", "\\w", "\\W", "\\s", "\\S", "."};
    private static final String[] QUANTIFIERS = {"*", "+", "?", "{,2}", "{1,}", "{2}", "*?", "+?", "*+", "++", "{0,3}+"};

    private final Random random;
    private final String root;
    private final List<RandomTree.Entry> entries;

    RandomRegex(Random random, String root, List<RandomTree.Entry> entries) {
        this.random = random;
        this.root = root;
        this.entries = entries;
    }

    String regex() {
        List<String> path = entries.isEmpty() ? List.of("a")
                : entries.get(random.nextInt(entries.size())).components();
        String name = path.get(path.size() - 1);
        StringBuilder regex = new StringBuilder();
        int dice = random.nextInt(20);
        if (dice == 0) {
            regex.append(pick("(?i)", "(?s)", "(?m)", "(?a)", "(?x)", "(?is)"));
        }
        if (random.nextInt(4) == 0) {
            regex.append(pick("^", "\\A")).append(literal(root)).append("/");
        } else {
            regex.append("/");
        }
        if (random.nextInt(3) == 0 && path.size() > 1) {
            regex.append(literal(path.get(0))).append(pick("/", "/.*", "(/[^/]+)*+/", "/(?:.*/)?"));
        }
        regex.append(mangled(name));
        regex.append(pick("", "", "$", "\\Z", "(?=/|$)", "/", "\\b", "\\B"));
        String text = regex.toString();
        if (random.nextInt(25) == 0) {
            text = pick(text + "(", "[" + text, text + "\\q", "*" + text, text + "(?<=a|bc)", text + "{3,2}",
                    text + "(?i)");
        }
        return text;
    }

    /** The name with some of its characters turned into classes, escapes, quantifiers or groups. */
    private String mangled(String name) {
        StringBuilder out = new StringBuilder();
        int[] chars = name.codePoints().toArray();
        int groups = 0;
        for (int i = 0; i < chars.length; i++) {
            int c = chars[i];
            int dice = random.nextInt(30);
            String piece;
            if (dice < 3) {
                piece = pick(CLASS_ESCAPES);
            } else if (dice < 5) {
                piece = "[" + pick("", "^") + classBody(c) + "]";
            } else if (dice == 5) {
                piece = "(?P<g" + groups + ">" + literal(c) + ")(?P=g" + groups + ")?";
                groups++;
            } else if (dice == 6) {
                piece = pick("(?:", "(?>", "(") + literal(c) + pick("|x)", ")", "|\\d)");
            } else if (dice == 7) {
                piece = pick("(?<=", "(?<!", "(?=", "(?!") + literal(c) + ")" + literal(c);
            } else {
                piece = literal(c);
            }
            out.append(piece);
            if (random.nextInt(8) == 0) {
                out.append(pick(QUANTIFIERS));
            }
        }
        return out.toString();
    }

    private String classBody(int c) {
        String body = pick("", "a-z", "\\d", "\\w", "[", "&&", "]x", "A-Z\\s", "\\b", "\u00e0-\u017f") + literal(c);
        return body.startsWith("]") ? "x" + body : body;
    }

    /** The text as a Python literal: ASCII punctuation escaped, the rest as written, lone surrogates as escapes. */
    private static String literal(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> out.append(literal(c)));
        return out.toString();
    }

    private static String literal(int c) {
        if (Character.isSurrogate((char) c) || c == '\n' || c == '\r' || c == 0x0b || c == '\f') {
            return String.format("\\u%04x", c);
        }
        if (c < 0x80 && !Character.isLetterOrDigit(c)) {
            return "\\" + (char) c;
        }
        return new String(Character.toChars(c));
    }

    @SafeVarargs
    private <T> T pick(T... choices) {
        return choices[random.nextInt(choices.length)];
    }
}
