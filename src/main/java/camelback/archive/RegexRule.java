package camelback.archive;

/**
 * duplicity's {@code --exclude-regexp} or {@code --include-regexp}: a path whose text the regular expression is found
 * in (Python's {@code re.search}) is excluded or included. Unlike an include glob it scans no directory: an include
 * regexp takes a path below an excluded directory only if it also takes the directory.
 */
record RegexRule(PythonRegex regex, boolean include) implements SelectionRule {
    @Override
    public Selection.Verdict test(Selection.Candidate candidate) {
        if (!regex.find(candidate)) {
            return null;
        }
        return include ? Selection.Verdict.INCLUDE : Selection.Verdict.EXCLUDE;
    }

    @Override
    public boolean excludes() {
        return !include;
    }

    @Override
    public String toString() {
        return (include ? "include-regexp " : "exclude-regexp ") + regex;
    }
}
