package camelback.archive;

/** One path of list-current-files: relative path ("." for the root), type and mtime (epoch seconds). */
public record ListedPath(String path, FileType type, long mtime) {
}
