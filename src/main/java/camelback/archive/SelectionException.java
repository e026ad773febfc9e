package camelback.archive;

/**
 * A file selection that cannot be used: a glob that matches nothing in the source, a regular expression Python refuses
 * or Java cannot match alike, a filelist that cannot be read.
 */
public final class SelectionException extends IllegalArgumentException {
    public SelectionException(String message) {
        super(message);
    }
}
