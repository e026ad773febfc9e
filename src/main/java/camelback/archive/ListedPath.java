package camelback.archive;

/** One path of list-current-files: its index, type and mtime (epoch seconds). */
public record ListedPath(PathIndex index, FileType type, long mtime) {
    /** The relative path as text ("." for the root); bytes that are not UTF-8 show as U+FFFD. */
    public String path() {
        return index.toString();
    }
}
