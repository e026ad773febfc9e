package camelback.archive;

import java.io.InputStream;

/**
 * One path's entry in a backup set, multivol chunks already joined: kind SNAPSHOT, DIFF or DELETED,
 * the header of its (first) tar entry, and its data, readable until the next entry is requested.
 */
public record ArchiveEntry(EntryName.Kind kind, PathIndex index, TarHeader header, InputStream data) {
}
