package camelback.job;

import camelback.archive.ArchiveFileName;
import camelback.store.Store;
import camelback.store.StoreException;
import camelback.store.UnfinishedUpload;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The unfinished uploads of backup files on a target (S3 multipart uploads a killed run left), split into those
 * cleanup may abort and those it must leave. Only uploads begun more than an age ago ({@link #SAFE_AGE} unless the
 * operator says otherwise) are abandoned: a younger one may belong to a backup still going, which the prune's lock does
 * not exclude when it runs on another host or under another archive dir (a prune by URL). No volume takes a day to
 * upload.
 */
public final class UnfinishedUploads {
    public static final Duration SAFE_AGE = Duration.ofHours(24);
    public static final UnfinishedUploads NONE = new UnfinishedUploads(List.of(), List.of(), SAFE_AGE);

    private final List<UnfinishedUpload> abandoned;
    private final List<UnfinishedUpload> recent;
    private final Duration age;

    private UnfinishedUploads(List<UnfinishedUpload> abandoned, List<UnfinishedUpload> recent, Duration age) {
        this.abandoned = List.copyOf(abandoned);
        this.recent = List.copyOf(recent);
        this.age = age;
    }

    /** The store's unfinished uploads of duplicity's files, as of {@code now}, oldest first, split at {@link #SAFE_AGE}. */
    public static UnfinishedUploads on(Store store, Instant now) throws StoreException {
        return on(store, now, SAFE_AGE);
    }

    /** The same, abandoned when begun more than {@code age} ago. */
    public static UnfinishedUploads on(Store store, Instant now, Duration age) throws StoreException {
        if (age.isNegative() || age.isZero()) {
            throw new IllegalArgumentException("the age of an abandoned upload must be positive, not " + age);
        }
        // Another tool's upload into the same folder is none of camelback's business, as its files are not.
        List<UnfinishedUpload> ours = store.unfinishedUploads().stream()
                .filter(u -> ArchiveFileName.parse(u.name()).isPresent())
                .sorted(Comparator.comparing(UnfinishedUpload::initiated, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
        Instant before = now.minus(age);
        // an upload the target gives no start time for cannot be shown to be old
        return new UnfinishedUploads(
                ours.stream().filter(u -> u.initiated() != null && u.initiated().isBefore(before)).toList(),
                ours.stream().filter(u -> u.initiated() == null || !u.initiated().isBefore(before)).toList(), age);
    }

    /** How long ago an upload must have begun to count as abandoned, for an operator: "24 h", "90 min", "45 s". */
    public String age() {
        return describe(age);
    }

    /** {@code age} as {@link #age()} words it. */
    public static String describe(Duration age) {
        long seconds = age.toSeconds();
        return seconds % 3600 == 0 ? seconds / 3600 + " h" : seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
    }

    /** All of them, oldest first. */
    public List<UnfinishedUpload> all() {
        return Stream.concat(abandoned.stream(), recent.stream()).toList();
    }

    /** One line for an operator: the file it was to become and when it was begun. */
    public static String describe(UnfinishedUpload upload) {
        return upload.name() + " (begun " + (upload.initiated() == null ? "at an unknown time"
                : upload.initiated().truncatedTo(ChronoUnit.SECONDS)) + ")";
    }

    /** Begun more than the age ago: no backup is still writing them. */
    public List<UnfinishedUpload> abandoned() {
        return abandoned;
    }

    /** Begun within the age: a running backup may own them, so cleanup leaves them. */
    public List<UnfinishedUpload> recent() {
        return recent;
    }
}
