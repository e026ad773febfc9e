package camelback.job;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Properties;

/** Who holds a {@link RunLock}: written into the lock file so a refused run can name it. */
public record LockHolder(long pid, String host, String description, Instant started) {

    /** The lock file's content: {@code key=value} lines. */
    String text() {
        return "pid=" + pid + "\nhost=" + host + "\ndescription=" + description.replace('\n', ' ') + "\nstarted=" + started + "\n";
    }

    /** Reads a lock file's content; empty when there is none or it was not written by camelback (duplicity locks the same file). */
    static Optional<LockHolder> parse(String text) {
        Properties props = new Properties();
        try {
            props.load(new StringReader(text));
            return Optional.of(new LockHolder(Long.parseLong(props.getProperty("pid", "")), props.getProperty("host", "?"),
                    props.getProperty("description", "?"), Instant.parse(props.getProperty("started", ""))));
        } catch (NumberFormatException | DateTimeParseException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "pid " + pid + " on " + host + " (" + description + ", since " + started + ")";
    }
}
