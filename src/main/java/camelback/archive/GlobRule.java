package camelback.archive;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One of duplicity's shell globs ({@code --include}, {@code --exclude}, a filelist line) with duplicity's meaning, so
 * that an operator's duply exclude file selects the same paths here: {@code *} and {@code ?} stop at a slash,
 * {@code **} does not, {@code [...]} is a class ({@code !} or {@code ^} negates), a glob matches the paths it names
 * and everything below them, a trailing slash matches directories only, {@code ignorecase:} ignores case. An include
 * glob also "scans" the directories above what it names: they are kept only if something inside them is.
 */
final class GlobRule implements SelectionRule {
    private static final String IGNORE_CASE = "ignorecase:";

    private final String text;
    private final boolean include;
    /** Whether the patterns are for the lowercased path. */
    private final boolean ignoreCase;
    private final boolean directoriesOnly;
    /**
     * Text every path {@link #matches} matches contains (the glob's longest run without wildcards), or null: a
     * substring search rules out most paths for a fraction of the regex's cost, which a filelist of dozens of globs
     * pays for every path of the tree.
     */
    private final String required;
    /** Null for {@code **}, which matches every path. */
    private final Pattern matches;
    /** The glob itself without what lies below it; for a trailing slash's directory check, else null. */
    private final Pattern exact;
    private final Pattern parents;

    private GlobRule(String text, boolean include, boolean ignoreCase, boolean directoriesOnly, String required,
                     Pattern matches, Pattern exact, Pattern parents) {
        this.text = text;
        this.include = include;
        this.ignoreCase = ignoreCase;
        this.directoriesOnly = directoriesOnly;
        this.required = required;
        this.matches = matches;
        this.exact = exact;
        this.parents = parents;
    }

    /**
     * @param root the source tree's absolute path: a glob that can match nothing in it is refused, as duplicity
     *             refuses it, since it is a mistake (a relative glob, another tree's path)
     * @throws SelectionException for a glob that cannot match anything below {@code root}, with {@code //}, or with a
     *                            class whose range runs backwards
     */
    static GlobRule of(String glob, boolean include, String root) {
        if (glob.equals("**")) {
            // every path, without the check below: "**" is how a filelist says "everything else"
            return new GlobRule(glob, include, false, false, null, null, null, null);
        }
        // Lowered as Python lowers it: a dotless i or a long s does not spell the prefix, as regionMatches would let it.
        boolean ignoreCase = glob.toLowerCase(Locale.ROOT).startsWith(IGNORE_CASE);
        String body = ignoreCase ? glob.substring(IGNORE_CASE.length()).toLowerCase(Locale.ROOT) : glob;
        if (body.isEmpty()) {
            throw new SelectionException("empty glob: " + glob);
        }
        GlobRule rule;
        try {
            rule = compile(glob, body, include, ignoreCase);
        } catch (SelectionException e) {
            // Consecutive slashes, which duplicity refuses, or a class such as [z-a], which it crashes on.
            throw new SelectionException("the glob " + glob + " is not a valid glob: " + e.getMessage());
        }
        // Whether the glob names the root or something below it, judged as duplicity judges it: case-sensitively.
        if (compile(glob, body, true, false).test(root, true) == null) {
            throw new SelectionException("the glob " + glob + " cannot match anything in the source " + root
                    + "; globs start with the source's absolute path or with **");
        }
        return rule;
    }

    private static GlobRule compile(String text, String body, boolean include, boolean ignoreCase) {
        boolean directoriesOnly = false;
        if (body.equals("/")) {
            body = "/**";
        } else if (body.endsWith("/")) {
            directoriesOnly = true;
            body = body.substring(0, body.length() - 1);
        }
        // As Python's re: only \n ends a line, so $ matches at the end and before a final \n, never before a final
        // \r or U+2028 as Java's $ would.
        int flags = Pattern.DOTALL | Pattern.UNIX_LINES;
        String regex = toRegex(body, ignoreCase);
        Pattern matches = Pattern.compile("^" + regex + "($|/)", flags);
        Pattern exact = directoriesOnly ? Pattern.compile("^" + regex + "$", flags) : null;
        int doubleStar = body.indexOf("**");
        String scanned = doubleStar >= 0 ? body.substring(0, doubleStar + 2) : body;
        Pattern parents = Pattern.compile("^(" + String.join("|", prefixRegexes(scanned, ignoreCase)) + ")$",
                flags);
        String required = longestLiteral(body, ignoreCase);
        return new GlobRule(text, include, ignoreCase, directoriesOnly, required, matches, exact, parents);
    }

    /** The regexes of the glob's leading components: /a, /a/b, ... for /a/b/c. */
    private static List<String> prefixRegexes(String glob, boolean ignoreCase) {
        String[] parts = glob.split("/", -1);
        for (int i = 1; i < parts.length - 1; i++) {
            if (parts[i].isEmpty()) {
                throw new SelectionException("consecutive slashes");
            }
        }
        List<String> regexes = new ArrayList<>();
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                prefix.append('/');
            }
            prefix.append(parts[i]);
            regexes.add(toRegex(i == 0 && prefix.length() == 0 ? "/" : prefix.toString(), ignoreCase));
        }
        return regexes;
    }

    /**
     * The glob as a regex; a {@code [} without its {@code ]} is a literal bracket. With {@code ignoreCase} the regex is
     * for the lowercased path (see {@link IgnoreCase}).
     */
    static String toRegex(String glob, boolean ignoreCase) {
        StringBuilder regex = new StringBuilder();
        int i = 0;
        int n = glob.length();
        while (i < n) {
            int c = glob.codePointAt(i);
            i += Character.charCount(c);
            if (c == '*' && i < n && glob.charAt(i) == '*') {
                regex.append(".*");
                i++;
            } else if (c == '*') {
                regex.append("[^/]*");
            } else if (c == '?') {
                regex.append("[^/]");
            } else if (c == '[' && classEnd(glob, i) >= 0) {
                int end = classEnd(glob, i);
                regex.append(GlobClass.regex(glob.substring(i, end), ignoreCase));
                i = end + 1;
            } else if (ignoreCase) {
                BitSet matched = new BitSet();
                IgnoreCase.addMatched(c, matched);
                regex.append(GlobClass.written(matched, false));
            } else {
                regex.append(GlobClass.codePoint(c));
            }
        }
        return regex.toString();
    }

    /**
     * The glob's longest run of characters that match only themselves; null when it has none. With
     * {@code ignoreCase}, in the lowered path: a character with other case forms (s and the long s) ends a run.
     */
    private static String longestLiteral(String glob, boolean ignoreCase) {
        String longest = "";
        int runStart = 0;
        int i = 0;
        while (i <= glob.length()) {
            char c = i < glob.length() ? glob.charAt(i) : '*';
            int end = c == '[' ? classEnd(glob, i + 1) : -1;
            if (c == '*' || c == '?' || end >= 0 || ignoreCase && !matchesOnlyItself(c)) {
                if (i - runStart > longest.length()) {
                    longest = glob.substring(runStart, i);
                }
                i = end >= 0 ? end + 1 : i + 1;
                runStart = i;
            } else {
                i++;
            }
        }
        return longest.isEmpty() ? null : longest;
    }

    /** Whether a character of a lowered glob matches that character alone in the lowered path. */
    private static boolean matchesOnlyItself(char c) {
        if (Character.isSurrogate(c)) {
            return false;
        }
        BitSet matched = new BitSet();
        IgnoreCase.addMatched(c, matched);
        return matched.cardinality() == 1 && matched.get(c);
    }

    /** Where the {@code ]} of a class opened just before {@code start} is, or -1: a leading {@code ]} is inside. */
    private static int classEnd(String glob, int start) {
        int j = start;
        int n = glob.length();
        if (j < n && (glob.charAt(j) == '!' || glob.charAt(j) == '^')) {
            j++;
        }
        if (j < n && glob.charAt(j) == ']') {
            j++;
        }
        while (j < n && glob.charAt(j) != ']') {
            j++;
        }
        return j < n ? j : -1;
    }

    @Override
    public Selection.Verdict test(Selection.Candidate candidate) {
        return test(ignoreCase ? candidate.loweredText() : candidate.text(),
                candidate.meta().type() == FileType.DIRECTORY);
    }

    /** @param path the path's text, lowered for an {@code ignorecase:} glob */
    private Selection.Verdict test(String path, boolean directory) {
        if (matches == null || (required == null || path.contains(required)) && matches.matcher(path).find()) {
            // find(), not matches(), like duplicity's re.match: the anchored $ may stop before a final line break.
            if (!directoriesOnly || directory || !exact.matcher(path).find()) {
                return include ? Selection.Verdict.INCLUDE : Selection.Verdict.EXCLUDE;
            }
            return null;
        }
        return include && parents.matcher(path).find() ? Selection.Verdict.SCAN : null;
    }

    @Override
    public boolean excludes() {
        return !include;
    }

    @Override
    public String toString() {
        return (include ? "include " : "exclude ") + text;
    }
}
