package camelback.archive;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** One full or incremental backup set on the target: its volumes and manifest by name (spec 8.1). */
public final class BackupSet {
    private final boolean full;
    private final long startTime;
    private final long endTime;
    private final SortedMap<Integer, String> volumes = new TreeMap<>();
    private String manifest;

    BackupSet(boolean full, long startTime, long endTime) {
        this.full = full;
        this.startTime = startTime;
        this.endTime = endTime;
    }

    void add(ArchiveFileName name) {
        if (name.type() == ArchiveFileName.Type.FULL_MANIFEST || name.type() == ArchiveFileName.Type.INC_MANIFEST) {
            if (manifest == null) {
                manifest = name.name();
            }
        } else {
            volumes.putIfAbsent(name.volume(), name.name());
        }
    }

    public boolean full() {
        return full;
    }

    /** Full: T; incremental: S. */
    public long startTime() {
        return startTime;
    }

    /** Full: T; incremental: E. */
    public long endTime() {
        return endTime;
    }

    /** The manifest's file name, or null for an incomplete set. */
    public String manifest() {
        return manifest;
    }

    public boolean complete() {
        return manifest != null;
    }

    /** Volume number → file name. */
    public Map<Integer, String> volumes() {
        return Collections.unmodifiableSortedMap(volumes);
    }

    public ArchiveFileName.SetName setName() {
        return new ArchiveFileName.SetName(full, startTime, endTime);
    }

    @Override
    public String toString() {
        return (full ? "full set " + BackupTime.format(startTime)
                : "incremental set " + BackupTime.format(startTime) + " to " + BackupTime.format(endTime))
                + " (" + volumes.size() + " volumes" + (complete() ? "" : ", no manifest") + ")";
    }
}
