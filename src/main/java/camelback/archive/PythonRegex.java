package camelback.archive;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A regular expression as duplicity's {@code --exclude-regexp} and {@code --include-regexp} compile it (Python 3.11's
 * {@code re}, a text pattern, searched for anywhere in the path), translated into a {@link Pattern} that matches the
 * same paths. Python's and Java's syntax differ where the same text means something else: {@code \Z} (Java's
 * {@code \z}), {@code $} (before a final line break only), {@code \d}, {@code \w}, {@code \s} and {@code \b} (Unicode in
 * Python, see {@link PythonCategories}), {@code (?P<name>...)}, {@code {,3}}, a {@code {} that is no quantifier, classes
 * ({@code [[]}, {@code [a&&b]}, {@code [\b]}), octal and group-number escapes, {@code \v}, {@code (?x)} comments and
 * {@code (?i)} (Python's case folding, see {@link IgnoreCase}). So it is parsed as Python parses it
 * ({@link PythonRegexTranslator}), characters written as code points, categories as the Java properties of the same
 * sets, and what Python itself refuses is refused, with Python's reason. A
 * few constructs Python has and Java has not, or has otherwise, are refused rather than approximated: conditional
 * groups, {@code (?i)} on part of a pattern, {@code (?a)} with {@code (?i)}, a group reference inside a look-behind.
 */
final class PythonRegex {
    private static final String SUPPLEMENTARY = new String(Character.toChars(Character.MAX_CODE_POINT));

    private final String text;
    private final Pattern pattern;
    private final boolean ignoreCase;

    private PythonRegex(String text, Pattern pattern, boolean ignoreCase) {
        this.text = text;
        this.pattern = pattern;
        this.ignoreCase = ignoreCase;
    }

    /** @throws SelectionException for a pattern Python refuses, or one with a construct Java cannot match alike */
    static PythonRegex compile(String python) {
        PythonRegexTranslator translator = new PythonRegexTranslator(python);
        String java = translator.translate();
        if (java.contains("(?<")) {
            // Java looks behind by code point only in a pattern whose text holds one beyond U+FFFF (else a letter such
            // as U+10400 behind is taken for its low surrogate): one in a branch that never matches.
            java = "(?:" + java + ")|(?!)" + SUPPLEMENTARY;
        }
        try {
            return new PythonRegex(python, Pattern.compile(java), translator.ignoresCase());
        } catch (PatternSyntaxException e) {
            throw new SelectionException("the regular expression " + python + " cannot be translated for Java: "
                    + e.getDescription());
        }
    }

    /** Whether Python's {@code re.search} finds the pattern in the path's text (as duplicity's Python decodes it). */
    boolean find(Selection.Candidate candidate) {
        return search(ignoreCase ? candidate.loweredText() : candidate.text(), false);
    }

    /** {@link #find} for a text of its own. */
    boolean search(String text) {
        return search(text, ignoreCase);
    }

    /**
     * Searches as Python does, from code point to code point: Java's search also starts at the low half of a surrogate
     * pair, which a class of lone surrogates (the bytes of a name that is not UTF-8, as Python decodes them) or a
     * {@code .} would match, so such a match is passed over. A guard in the pattern instead would cost every search.
     */
    private boolean search(String text, boolean lower) {
        String subject = lower ? IgnoreCase.lower(text) : text;
        Matcher matcher = pattern.matcher(subject);
        int from = 0;
        while (from <= subject.length() && matcher.find(from)) {
            int start = matcher.start();
            if (start == 0 || start == subject.length() || !Character.isLowSurrogate(subject.charAt(start))
                    || !Character.isHighSurrogate(subject.charAt(start - 1))) {
                return true;
            }
            from = start + 1;
        }
        return false;
    }

    @Override
    public String toString() {
        return text;
    }
}
