package camelback.archive;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random globbing filelists in duplicity's syntax for a {@link RandomTree}: globs made from the tree's own paths, so
 * that most of them match something, with {@code *}, {@code ?}, {@code **} as prefix, infix and suffix, character
 * classes (negated, ranges, unterminated, holding a slash), trailing slashes, {@code ignorecase:}, and lines with
 * {@code + }, {@code - } or nothing, quotes, comments, blank lines and odd white space. A few globs cannot match
 * anything in the source, and a few lists end in an include; duplicity refuses both.
 */
final class RandomFilelist {
    /** What may surround a line; Python's {@code strip()} removes some of these and Java's {@code strip()} others. */
    private static final String[] SPACES = {" ", "  ", "\t", "\u00a0", "\u2007", "\u202f", "\u0085", "\u3000",
        "\u2003", "\u001c", "\u000b", "\f", "\u200b", "\ufeff"};
    /** Characters a class may hold besides the one it is meant to match. */
    private static final String CLASS_CHARS = "abcxzABZ.?*]![-^\\/ 0ü";

    private final Random random;
    private final String root;
    private final List<RandomTree.Entry> entries;

    RandomFilelist(Random random, String root, List<RandomTree.Entry> entries) {
        this.random = random;
        this.root = root;
        this.entries = entries;
    }

    /** A filelist's lines; the last glob excludes, but now and then it includes. */
    List<String> lines() {
        List<String> lines = new ArrayList<>();
        int globs = 1 + random.nextInt(6);
        for (int k = 0; k < globs; k++) {
            if (random.nextInt(5) == 0) {
                lines.add(noise());
            }
            boolean last = k == globs - 1;
            String prefix;
            if (last) {
                prefix = random.nextInt(12) == 0 ? "+ " : random.nextBoolean() ? "- " : "";
            } else {
                prefix = pick("+ ", "+ ", "- ", "");
            }
            String glob = last && random.nextInt(3) == 0 ? "**" : glob();
            lines.add(decorate(prefix, glob));
        }
        if (random.nextInt(6) == 0) {
            lines.add(noise());
        }
        return lines;
    }

    private String noise() {
        return pick("", "   ", "\t", "# a comment", "#", "  # indented comment", "#- " + root + "/a");
    }

    private String decorate(String prefix, String glob) {
        String line;
        int dice = random.nextInt(100);
        if (dice < 8) {
            line = prefix + "'" + glob + "'";
        } else if (dice < 14) {
            line = prefix + "\"" + glob + "\"";
        } else if (dice < 15) {
            // Quotes around the sign too: the sign is then part of the glob.
            line = "'" + prefix + glob + "'";
        } else if (dice < 17) {
            line = prefix + pick("''", "\"\"", "'", "\"");
        } else {
            line = prefix + glob;
        }
        if (random.nextInt(8) == 0) {
            line = SPACES[random.nextInt(SPACES.length)] + line;
        }
        if (random.nextInt(8) == 0) {
            line = line + SPACES[random.nextInt(SPACES.length)];
        }
        return line;
    }

    /** One glob, most often for a path of the tree. */
    String glob() {
        List<String> path = entries.isEmpty() ? List.of("a")
                : entries.get(random.nextInt(entries.size())).components();
        if (random.nextInt(4) == 0 && path.size() > 1) {
            path = path.subList(0, 1 + random.nextInt(path.size() - 1));
        }
        String last = path.get(path.size() - 1);
        String glob;
        int dice = random.nextInt(100);
        if (dice < 40) {
            glob = root + "/" + components(path);
        } else if (dice < 50) {
            glob = "**/" + components(path.subList(Math.max(0, path.size() - 1 - random.nextInt(2)), path.size()));
        } else if (dice < 56) {
            glob = root + "/**/" + component(last);
        } else if (dice < 60) {
            glob = root + "/" + component(path.get(0)) + "/**/" + component(last);
        } else if (dice < 66) {
            glob = root + "/" + components(path) + "**";
        } else if (dice < 72) {
            glob = "**" + suffix(last);
        } else if (dice < 76) {
            glob = root + "/**" + suffix(last);
        } else if (dice < 79) {
            glob = root + "/" + joinedBySlashClass(path);
        } else if (dice < 82) {
            glob = "**";
        } else if (dice < 84) {
            glob = "/";
        } else if (dice < 86) {
            glob = root;
        } else if (dice < 91) {
            glob = root + "/" + component(RandomTree.NAMES.get(random.nextInt(RandomTree.NAMES.size())));
        } else if (dice < 92) {
            glob = swapCase(root) + "/" + components(path);
        } else if (dice < 94) {
            // Cannot match anything in the source, or is no glob at all.
            glob = pick(last, "relative/" + component(last), "/elsewhere/" + component(last),
                    root + "//" + component(last), root + "/[z-a]", root + "/" + component(last) + "//x");
        } else {
            glob = root + "/" + components(path);
        }
        if (random.nextInt(8) == 0) {
            glob = glob + "/";
        }
        if (random.nextInt(6) == 0) {
            String rest = glob.startsWith(root) && random.nextInt(6) > 0
                    ? root + swapCase(glob.substring(root.length())) : swapCase(glob);
            glob = pick("ignorecase:", "IGNORECASE:", "IgnoreCase:") + rest;
        }
        return writable(glob);
    }

    private String components(List<String> path) {
        List<String> globbed = new ArrayList<>();
        for (String name : path) {
            globbed.add(component(name));
        }
        return String.join("/", globbed);
    }

    /** Two neighbours joined by something that may match the slash between them: only a class can. */
    private String joinedBySlashClass(List<String> path) {
        if (path.size() < 2) {
            return components(path);
        }
        int at = random.nextInt(path.size() - 1);
        List<String> before = path.subList(0, at + 1);
        List<String> after = path.subList(at + 1, path.size());
        return components(before) + pick("[/]", "[!x]", "[^.]", "?", "*", "[.-0]") + components(after);
    }

    /** A glob for one name: the name, or a pattern that does or does not match it. */
    private String component(String name) {
        int dice = random.nextInt(100);
        String out;
        if (dice < 50) {
            out = name;
        } else if (dice < 56) {
            out = "*";
        } else if (dice < 63) {
            out = replaceOne(name, "?");
        } else if (dice < 72) {
            out = replaceOne(name, characterClass(name.codePointAt(0)));
        } else if (dice < 76) {
            out = name.substring(0, cut(name)) + "*";
        } else if (dice < 80) {
            out = "*" + suffix(name);
        } else if (dice < 85) {
            out = swapCase(name);
        } else if (dice < 89) {
            out = RandomTree.NAMES.get(random.nextInt(RandomTree.NAMES.size()));
        } else if (dice < 92) {
            out = "**";
        } else if (dice < 95) {
            out = random.nextBoolean() ? name + "[" : "[" + name;
        } else {
            out = name + "*";
        }
        return out;
    }

    /**
     * {@code glob} as a filelist line can hold it: a line break, or a byte of a name that is not UTF-8, becomes
     * {@code ?}, which matches it.
     */
    private static String writable(String glob) {
        StringBuilder out = new StringBuilder();
        glob.codePoints().forEach(c -> {
            boolean stray = c >= 0xDC80 && c <= 0xDCFF;
            out.appendCodePoint(c == '\n' || c == '\r' || stray ? '?' : c);
        });
        return out.toString();
    }

    private String suffix(String name) {
        return name.substring(cut(name));
    }

    /** A place in {@code name} between two code points: a surrogate pair is not split. */
    private int cut(String name) {
        return name.offsetByCodePoints(0, random.nextInt(name.codePointCount(0, name.length()) + 1));
    }

    /** {@code name} with its first code point replaced by {@code by}, or another one at random. */
    private String replaceOne(String name, String by) {
        int count = name.codePointCount(0, name.length());
        int at = name.offsetByCodePoints(0, random.nextInt(count));
        int end = name.offsetByCodePoints(at, 1);
        return name.substring(0, at) + by + name.substring(end);
    }

    /** A class that matches {@code c}, mostly, or one that does not. */
    private String characterClass(int c) {
        String self = new String(Character.toChars(c));
        String other = String.valueOf(CLASS_CHARS.charAt(random.nextInt(CLASS_CHARS.length())));
        return switch (random.nextInt(8)) {
            case 0 -> "[" + self + other + "]";
            case 1 -> "[" + other + self + "]";
            case 2 -> "[!" + other + "]";
            case 3 -> "[^" + other + "]";
            case 4 -> range(c);
            case 5 -> "[!" + self + "]";
            case 6 -> "[" + other + "]";
            default -> "[" + swapCase(self) + "]";
        };
    }

    /**
     * A range around {@code c}. A byte of a name that is not UTF-8 (U+DC80..U+DCFF) keeps its ends in that block: a
     * surrogate beside it stands for no byte, and no filelist can hold it.
     */
    private String range(int c) {
        boolean stray = c >= 0xDC80 && c <= 0xDCFF;
        int low = Math.max(stray ? 0xDC80 : 0x21, c - random.nextInt(3));
        int high = Math.min(stray ? 0xDCFF : Character.MAX_CODE_POINT, c + random.nextInt(3));
        return "[" + new String(Character.toChars(low)) + "-" + new String(Character.toChars(high)) + "]";
    }

    /** Each letter flipped to upper or lower case at random, one code point at a time. */
    private String swapCase(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> {
            int dice = random.nextInt(3);
            out.appendCodePoint(dice == 0 ? Character.toUpperCase(c) : dice == 1 ? Character.toLowerCase(c) : c);
        });
        return out.toString();
    }

    @SafeVarargs
    private <T> T pick(T... choices) {
        return choices[random.nextInt(choices.length)];
    }
}
