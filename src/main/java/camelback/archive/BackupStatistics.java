package camelback.archive;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Duplicity's backup counters and its "Backup Statistics" block (spec 9). Thread-safe. */
public final class BackupStatistics {
    private static final int MAX_ERRORS_KEPT = 100;
    private static final DateTimeFormatter ASCTIME = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US);

    private double startTime;
    private double endTime;
    private long sourceFiles;
    private long sourceFileSize;
    private long newFiles;
    private long newFileSize;
    private long deletedFiles;
    private long changedFiles;
    private long changedFileSize;
    private long changedDeltaSize;
    private long rawDeltaSize;
    private long totalDestinationSizeChange;
    private long errors;
    private final List<String> errorList = new ArrayList<>();

    public synchronized void setStartTime(double epochSeconds) {
        startTime = epochSeconds;
    }

    public synchronized void setEndTime(double epochSeconds) {
        endTime = epochSeconds;
    }

    /** A path written as a new snapshot: {@code readSize} = bytes read (regular files) or lstat size. */
    synchronized void addNewFile(long lstatSize, long readSize) {
        sourceFiles++;
        sourceFileSize += readSize;
        newFiles++;
        newFileSize += lstatSize;
    }

    /** A regular file written as a delta: {@code readSize} = bytes read, {@code lstatSize} = its new size. */
    synchronized void addChangedFile(long lstatSize, long readSize) {
        sourceFiles++;
        sourceFileSize += readSize;
        changedFiles++;
        changedFileSize += lstatSize;
    }

    /** A path of the previous state that no longer exists ({@code deleted/} entry). */
    synchronized void addDeletedFile() {
        deletedFiles++;
    }

    /** A source path that is the same as in the previous state and so is not stored. */
    synchronized void addUnchangedFile(long lstatSize) {
        sourceFiles++;
        sourceFileSize += lstatSize;
    }

    synchronized void addRawDelta(long bytes) {
        rawDeltaSize += bytes;
    }

    synchronized void addDestinationSize(long bytes) {
        totalDestinationSizeChange += bytes;
    }

    /** Counts a path skipped because of an error; the first 100 are kept for reports. */
    public synchronized void addError(String path, String reason) {
        errors++;
        if (errorList.size() < MAX_ERRORS_KEPT) {
            errorList.add(path + ": " + reason);
        }
    }

    public synchronized double startTime() {
        return startTime;
    }

    public synchronized double endTime() {
        return endTime;
    }

    public synchronized long sourceFiles() {
        return sourceFiles;
    }

    public synchronized long sourceFileSize() {
        return sourceFileSize;
    }

    public synchronized long newFiles() {
        return newFiles;
    }

    public synchronized long newFileSize() {
        return newFileSize;
    }

    public synchronized long deletedFiles() {
        return deletedFiles;
    }

    public synchronized long changedFiles() {
        return changedFiles;
    }

    public synchronized long changedFileSize() {
        return changedFileSize;
    }

    public synchronized long changedDeltaSize() {
        return changedDeltaSize;
    }

    public synchronized long deltaEntries() {
        return newFiles + changedFiles + deletedFiles;
    }

    public synchronized long rawDeltaSize() {
        return rawDeltaSize;
    }

    public synchronized long totalDestinationSizeChange() {
        return totalDestinationSizeChange;
    }

    public synchronized long errors() {
        return errors;
    }

    /** The first 100 errors as "path: reason". */
    public synchronized List<String> errorList() {
        return List.copyOf(errorList);
    }

    /** The block as duplicity prints it, times in the local time zone. */
    public String render() {
        return render(ZoneId.systemDefault());
    }

    public synchronized String render(ZoneId zone) {
        StringBuilder s = new StringBuilder();
        s.append("--------------[ Backup Statistics ]--------------\n");
        s.append("StartTime ").append(fixed(startTime, 2)).append(" (").append(asctime(startTime, zone)).append(")\n");
        s.append("EndTime ").append(fixed(endTime, 2)).append(" (").append(asctime(endTime, zone)).append(")\n");
        double elapsed = endTime - startTime;
        s.append("ElapsedTime ").append(fixed(elapsed, 2)).append(" (").append(prettyElapsed(elapsed)).append(")\n");
        s.append("SourceFiles ").append(sourceFiles).append('\n');
        sized(s, "SourceFileSize", sourceFileSize);
        s.append("NewFiles ").append(newFiles).append('\n');
        sized(s, "NewFileSize", newFileSize);
        s.append("DeletedFiles ").append(deletedFiles).append('\n');
        s.append("ChangedFiles ").append(changedFiles).append('\n');
        sized(s, "ChangedFileSize", changedFileSize);
        sized(s, "ChangedDeltaSize", changedDeltaSize);
        s.append("DeltaEntries ").append(deltaEntries()).append('\n');
        sized(s, "RawDeltaSize", rawDeltaSize);
        sized(s, "TotalDestinationSizeChange", totalDestinationSizeChange);
        s.append("Errors ").append(errors).append('\n');
        s.append("-------------------------------------------------\n\n");
        return s.toString();
    }

    private static void sized(StringBuilder s, String name, long value) {
        s.append(name).append(' ').append(value).append(" (").append(humanSize(value)).append(")\n");
    }

    /** Python's {@code "%.Nf"}: the exact binary value rounded half-even. */
    static String fixed(double value, int decimals) {
        return new BigDecimal(value).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
    }

    private static String asctime(double epochSeconds, ZoneId zone) {
        return ASCTIME.format(Instant.ofEpochSecond((long) Math.floor(epochSeconds)).atZone(zone));
    }

    /** Duplicity's byte summary: 3 significant figures of the largest 1024-based unit reached. */
    public static String humanSize(long bytes) {
        String sign = bytes < 0 ? "-" : "";
        long n = Math.abs(bytes);
        String[] units = {"TB", "GB", "MB", "KB"};
        for (int i = 0; i < units.length; i++) {
            long unit = 1L << (10 * (4 - i));
            if (n >= unit) {
                double count = (double) n / unit;
                int precision = count >= 100 ? 0 : count >= 10 ? 1 : 2;
                return sign + fixed(count, precision) + " " + units[i];
            }
        }
        return n == 1 ? sign + "1 byte" : sign + n + " bytes";
    }

    /** Duplicity's elapsed-time wording, e.g. {@code 1 minute 15.30 seconds}. */
    static String prettyElapsed(double seconds) {
        List<String> parts = new ArrayList<>();
        double hours = Math.floor(seconds / 3600);
        double rest = seconds - hours * 3600;
        if (hours > 1) {
            parts.add((long) hours + " hours");
        } else if (hours == 1) {
            parts.add("1 hour");
        }
        double minutes = Math.floor(rest / 60);
        rest -= minutes * 60;
        if (minutes > 1) {
            parts.add((long) minutes + " minutes");
        } else if (minutes == 1) {
            parts.add("1 minute");
        }
        if (rest == 1) {
            parts.add("1 second");
        } else if (parts.isEmpty() || rest > 1) {
            parts.add(fixed(rest, 2) + " seconds");
        }
        return String.join(" ", parts);
    }
}
