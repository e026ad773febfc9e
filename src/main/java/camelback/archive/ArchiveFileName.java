package camelback.archive;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A file name on the backup target (spec 2.2–2.4): parsed from, or built into, duplicity's names. */
public final class ArchiveFileName {
    /** The temp name a {@code file://} upload has until it is complete (camel-file's {@code tempPrefix}). */
    public static final String UPLOAD_PREFIX = ".uploading-";

    /** What a target file holds. */
    public enum Type { FULL_VOLUME, FULL_MANIFEST, INC_VOLUME, INC_MANIFEST, FULL_SIGNATURES, NEW_SIGNATURES }

    private static final String TAIL = "($|\\.)";
    private static final Pattern FULL_VOLUME = Pattern.compile("^duplicity-full\\.(.*?)\\.vol([0-9]+)\\.difftar(\\.part)?" + TAIL);
    private static final Pattern FULL_MANIFEST = Pattern.compile("^duplicity-full\\.(.*?)\\.manifest(\\.part)?" + TAIL);
    private static final Pattern INC_VOLUME =
            Pattern.compile("^duplicity-inc\\.(.*?)\\.to\\.(.*?)\\.vol([0-9]+)\\.difftar(\\.part)?" + TAIL);
    private static final Pattern INC_MANIFEST = Pattern.compile("^duplicity-inc\\.(.*?)\\.to\\.(.*?)\\.manifest(\\.part)?" + TAIL);
    private static final Pattern FULL_SIGNATURES = Pattern.compile("^duplicity-full-signatures\\.(.*?)\\.sigtar(\\.part)?" + TAIL);
    private static final Pattern NEW_SIGNATURES =
            Pattern.compile("^duplicity-new-signatures\\.(.*?)\\.to\\.(.*?)\\.sigtar(\\.part)?" + TAIL);

    private static final String B36 = "([0-9a-z]+?)";
    private static final Pattern SHORT_FULL_VOLUME = Pattern.compile("^df\\." + B36 + "\\.([0-9a-z]+)\\.dt(\\.p)?" + TAIL);
    private static final Pattern SHORT_FULL_MANIFEST = Pattern.compile("^df\\." + B36 + "\\.m(\\.p)?" + TAIL);
    private static final Pattern SHORT_INC_VOLUME =
            Pattern.compile("^di\\." + B36 + "\\." + B36 + "\\.([0-9a-z]+)\\.dt(\\.p)?" + TAIL);
    private static final Pattern SHORT_INC_MANIFEST = Pattern.compile("^di\\." + B36 + "\\." + B36 + "\\.m(\\.p)?" + TAIL);
    private static final Pattern SHORT_FULL_SIGNATURES = Pattern.compile("^dfs\\." + B36 + "\\.st(\\.p)?" + TAIL);
    private static final Pattern SHORT_NEW_SIGNATURES = Pattern.compile("^dns\\." + B36 + "\\." + B36 + "\\.st(\\.p)?" + TAIL);

    private final String name;
    private final Type type;
    private final long startTime;
    private final long endTime;
    private final int volume;
    private final boolean partial;

    private ArchiveFileName(String name, Type type, long startTime, long endTime, int volume, boolean partial) {
        this.name = name;
        this.type = type;
        this.startTime = startTime;
        this.endTime = endTime;
        this.volume = volume;
        this.partial = partial;
    }

    /** Classifies a target file name; empty for names duplicity would ignore. */
    public static Optional<ArchiveFileName> parse(String name) {
        Optional<ArchiveFileName> shortName = parseShort(name);
        return shortName.isPresent() ? shortName : parseLong(name);
    }

    private static Optional<ArchiveFileName> parseLong(String name) {
        Matcher m;
        if ((m = FULL_VOLUME.matcher(name)).lookingAt()) {
            return full(name, Type.FULL_VOLUME, BackupTime.parse(m.group(1)), decimal(m.group(2)), m.group(3));
        }
        if ((m = FULL_MANIFEST.matcher(name)).lookingAt()) {
            return full(name, Type.FULL_MANIFEST, BackupTime.parse(m.group(1)), 0, m.group(2));
        }
        if ((m = INC_VOLUME.matcher(name)).lookingAt()) {
            return inc(name, Type.INC_VOLUME, BackupTime.parse(m.group(1)), BackupTime.parse(m.group(2)),
                    decimal(m.group(3)), m.group(4));
        }
        if ((m = INC_MANIFEST.matcher(name)).lookingAt()) {
            return inc(name, Type.INC_MANIFEST, BackupTime.parse(m.group(1)), BackupTime.parse(m.group(2)), 0, m.group(3));
        }
        if ((m = FULL_SIGNATURES.matcher(name)).lookingAt()) {
            return full(name, Type.FULL_SIGNATURES, BackupTime.parse(m.group(1)), 0, m.group(2));
        }
        if ((m = NEW_SIGNATURES.matcher(name)).lookingAt()) {
            return inc(name, Type.NEW_SIGNATURES, BackupTime.parse(m.group(1)), BackupTime.parse(m.group(2)), 0, m.group(3));
        }
        return Optional.empty();
    }

    private static Optional<ArchiveFileName> parseShort(String name) {
        Matcher m;
        if ((m = SHORT_FULL_VOLUME.matcher(name)).lookingAt()) {
            return full(name, Type.FULL_VOLUME, BackupTime.parseBase36(m.group(1)), base36(m.group(2)), m.group(3));
        }
        if ((m = SHORT_FULL_MANIFEST.matcher(name)).lookingAt()) {
            return full(name, Type.FULL_MANIFEST, BackupTime.parseBase36(m.group(1)), 0, m.group(2));
        }
        if ((m = SHORT_INC_VOLUME.matcher(name)).lookingAt()) {
            return inc(name, Type.INC_VOLUME, BackupTime.parseBase36(m.group(1)), BackupTime.parseBase36(m.group(2)),
                    base36(m.group(3)), m.group(4));
        }
        if ((m = SHORT_INC_MANIFEST.matcher(name)).lookingAt()) {
            return inc(name, Type.INC_MANIFEST, BackupTime.parseBase36(m.group(1)), BackupTime.parseBase36(m.group(2)), 0,
                    m.group(3));
        }
        if ((m = SHORT_FULL_SIGNATURES.matcher(name)).lookingAt()) {
            return full(name, Type.FULL_SIGNATURES, BackupTime.parseBase36(m.group(1)), 0, m.group(2));
        }
        if ((m = SHORT_NEW_SIGNATURES.matcher(name)).lookingAt()) {
            return inc(name, Type.NEW_SIGNATURES, BackupTime.parseBase36(m.group(1)), BackupTime.parseBase36(m.group(2)), 0,
                    m.group(3));
        }
        return Optional.empty();
    }

    private static Optional<ArchiveFileName> full(String name, Type type, OptionalLong time, int volume, String partial) {
        if (time.isEmpty() || volume < 0) {
            return Optional.empty();
        }
        return Optional.of(new ArchiveFileName(name, type, time.getAsLong(), time.getAsLong(), volume, partial != null));
    }

    private static Optional<ArchiveFileName> inc(String name, Type type, OptionalLong start, OptionalLong end, int volume,
            String partial) {
        if (start.isEmpty() || end.isEmpty() || volume < 0) {
            return Optional.empty();
        }
        return Optional.of(new ArchiveFileName(name, type, start.getAsLong(), end.getAsLong(), volume, partial != null));
    }

    private static int decimal(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static int base36(String digits) {
        try {
            return Integer.parseInt(digits, 36);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public Type type() {
        return type;
    }

    /** Full sets: T; incremental sets and new signatures: S. */
    public long startTime() {
        return startTime;
    }

    /** Full sets: T; incremental sets and new signatures: E. */
    public long endTime() {
        return endTime;
    }

    /** Volume number, 0 for manifests and signature files. */
    public int volume() {
        return volume;
    }

    public boolean encrypted() {
        return name.endsWith(".gpg") || name.endsWith(".g");
    }

    public boolean gzipped() {
        return !encrypted() && (name.endsWith("gz") || name.endsWith(".z"));
    }

    public boolean partial() {
        return partial;
    }

    public String name() {
        return name;
    }

    /** True for volumes and manifests of full sets, false for those of incremental sets; signature files by their kind. */
    public boolean full() {
        return type == Type.FULL_VOLUME || type == Type.FULL_MANIFEST || type == Type.FULL_SIGNATURES;
    }

    @Override
    public String toString() {
        return name;
    }

    /** Builds the names of one backup set. */
    public record SetName(boolean full, long startTime, long endTime) {

        /** A full set at time T. */
        public static SetName full(long time) {
            return new SetName(true, time, time);
        }

        private String times() {
            return full ? BackupTime.format(startTime)
                    : BackupTime.format(startTime) + ".to." + BackupTime.format(endTime);
        }

        /** Whether {@code file} is one of this set's volumes, signatures or manifest (not a partial manifest). */
        public boolean names(ArchiveFileName file) {
            return file.full() == full && file.startTime() == startTime && file.endTime() == endTime && !file.partial();
        }

        /** Volume n; suffix "", ".gz" or ".gpg". */
        public String volume(int n, String suffix) {
            return (full ? "duplicity-full." : "duplicity-inc.") + times() + ".vol" + n + ".difftar" + suffix;
        }

        /** The manifest; it is never gzipped, so ".gz" is dropped. */
        public String manifest(String suffix) {
            return (full ? "duplicity-full." : "duplicity-inc.") + times() + ".manifest"
                    + (".gz".equals(suffix) ? "" : suffix);
        }

        /** The full- or new-signatures file. */
        public String signatures(String suffix) {
            return (full ? "duplicity-full-signatures." : "duplicity-new-signatures.") + times() + ".sigtar" + suffix;
        }
    }
}
