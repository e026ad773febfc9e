package camelback.archive;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

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
    private final boolean directoriesOnly;
    /**
     * Text every path {@link #matches} matches contains (the glob's longest run without wildcards), or null: a
     * substring search rules out most paths for a fraction of the regex's cost, which a filelist of dozens of globs
     * pays for every path of the tree.
     */
    private final String required;
    /** Null for {@code **}, which matches every path. */
    private final Pattern matches;
    /** The glob itself without what lies below it; for a trailing slash's directory check. */
    private final Pattern exact;
    private final Pattern parents;

    private GlobRule(String text, boolean include, boolean directoriesOnly, String required, Pattern matches,
                     Pattern exact, Pattern parents) {
        this.text = text;
        this.include = include;
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
     *                            class Java's regexes cannot take (a range backwards)
     */
    static GlobRule of(String glob, boolean include, String root) {
        if (glob.equals("**")) {
            // every path, without the check below: "**" is how a filelist says "everything else"
            return new GlobRule(glob, include, false, null, null, null, null);
        }
        boolean ignoreCase = glob.regionMatches(true, 0, IGNORE_CASE, 0, IGNORE_CASE.length());
        String body = ignoreCase ? glob.substring(IGNORE_CASE.length()).toLowerCase(java.util.Locale.ROOT) : glob;
        if (body.isEmpty()) {
            throw new SelectionException("empty glob: " + glob);
        }
        GlobRule rule;
        try {
            rule = compile(glob, body, include, ignoreCase);
        } catch (PatternSyntaxException e) {
            // A class such as [z-a]; duplicity stops with a traceback on it.
            throw new SelectionException("the glob " + glob + " is not a valid glob: " + e.getDescription());
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
        int flags = Pattern.DOTALL | Pattern.UNIX_LINES
                | (ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
        Translation translation = translate(body);
        String regex = translation.regex();
        // A case-insensitive glob's text may appear in the path in another case.
        String required = ignoreCase || translation.longestLiteral().isEmpty() ? null : translation.longestLiteral();
        Pattern matches = Pattern.compile("^" + regex + "($|/)", flags);
        Pattern exact = Pattern.compile("^" + regex + "$", flags);
        int doubleStar = body.indexOf("**");
        String scanned = doubleStar >= 0 ? body.substring(0, doubleStar + 2) : body;
        Pattern parents = Pattern.compile("^(" + String.join("|", prefixRegexes(text, scanned)) + ")$", flags);
        return new GlobRule(text, include, directoriesOnly, required, matches, exact, parents);
    }

    /** The regexes of the glob's leading components: /a, /a/b, ... for /a/b/c. */
    private static List<String> prefixRegexes(String text, String glob) {
        String[] parts = glob.split("/", -1);
        for (int i = 1; i < parts.length - 1; i++) {
            if (parts[i].isEmpty()) {
                throw new SelectionException("consecutive slashes in the glob " + text);
            }
        }
        List<String> regexes = new ArrayList<>();
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                prefix.append('/');
            }
            prefix.append(parts[i]);
            regexes.add(translate(i == 0 && prefix.length() == 0 ? "/" : prefix.toString()).regex());
        }
        return regexes;
    }

    private record Translation(String regex, String longestLiteral) {
    }

    /** The glob as a regex, and its longest literal run; a {@code [} without its {@code ]} is a literal bracket. */
    private static Translation translate(String glob) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        String longest = "";
        int i = 0;
        int n = glob.length();
        while (i < n) {
            char c = glob.charAt(i++);
            String special = null;
            if (c == '*' && i < n && glob.charAt(i) == '*') {
                special = ".*";
                i++;
            } else if (c == '*') {
                special = "[^/]*";
            } else if (c == '?') {
                special = "[^/]";
            } else if (c == '[') {
                int j = i;
                if (j < n && (glob.charAt(j) == '!' || glob.charAt(j) == '^')) {
                    j++;
                }
                if (j < n && glob.charAt(j) == ']') {
                    j++;
                }
                while (j < n && glob.charAt(j) != ']') {
                    j++;
                }
                if (j < n) {
                    special = characterClass(glob.substring(i, j));
                    i = j + 1;
                }
            }
            if (special == null) {
                literal.append(c);
            } else {
                longest = flush(literal, regex, longest);
                regex.append(special);
            }
        }
        longest = flush(literal, regex, longest);
        return new Translation(regex.toString(), longest);
    }

    /** Appends the literal run to the regex; returns the longer of it and {@code longest}. */
    private static String flush(StringBuilder literal, StringBuilder regex, String longest) {
        String run = literal.toString();
        if (!run.isEmpty()) {
            regex.append(Pattern.quote(run));
            literal.setLength(0);
        }
        return run.length() > longest.length() ? run : longest;
    }

    /** A class's inside in Java's syntax, where {@code [}, {@code &&} and a leading {@code ]} would mean more. */
    private static String characterClass(String inside) {
        StringBuilder out = new StringBuilder("[");
        int start = 0;
        if (!inside.isEmpty() && (inside.charAt(0) == '!' || inside.charAt(0) == '^')) {
            out.append('^');
            start = 1;
        }
        for (int k = start; k < inside.length(); k++) {
            char c = inside.charAt(k);
            if (c == '\\' || c == '[' || c == ']' || c == '&' || (c == '^' && k > start)) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append(']').toString();
    }

    @Override
    public Selection.Verdict test(FileMetadata meta) {
        return test(meta.path().toString(), meta.type() == FileType.DIRECTORY);
    }

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
