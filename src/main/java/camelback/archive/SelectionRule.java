package camelback.archive;

/** One test of duplicity's file selection; the first rule with something to say about a path decides it. */
interface SelectionRule {
    /** What the rule says about the path, or null when it says nothing. */
    Selection.Verdict test(Selection.Candidate candidate);

    /** Whether the rule can exclude anything; a selection whose last rule cannot is refused as redundant. */
    boolean excludes();
}
