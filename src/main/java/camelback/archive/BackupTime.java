package camelback.archive;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.OptionalLong;

/** Duplicity's time strings in file names (spec 2.1, 2.4): {@code YYYYMMDDTHHMMSSZ}, the old w3 form, base 36. */
public final class BackupTime {
    private static final DateTimeFormatter NEW_FORM =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private static final DateTimeFormatter NEW_FORM_LOCAL =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss", Locale.ROOT);

    private BackupTime() {
    }

    /** Epoch seconds as {@code 20210101T120000Z}. */
    public static String format(long epochSeconds) {
        return NEW_FORM.format(Instant.ofEpochSecond(epochSeconds));
    }

    /** Parses the new form or the old {@code YYYY-MM-DDTHH:MM:SS±HH:MM} / {@code ...Z} form; empty if neither. */
    public static OptionalLong parse(String text) {
        String upper = text.toUpperCase(Locale.ROOT);
        if (upper.length() == 16 && upper.charAt(8) == 'T' && upper.charAt(15) == 'Z') {
            try {
                return OptionalLong.of(LocalDateTime.parse(upper.substring(0, 15), NEW_FORM_LOCAL)
                        .toEpochSecond(ZoneOffset.UTC));
            } catch (DateTimeParseException e) {
                return OptionalLong.empty();
            }
        }
        try {
            return OptionalLong.of(OffsetDateTime.parse(upper).toEpochSecond());
        } catch (DateTimeParseException e) {
            return OptionalLong.empty();
        }
    }

    /** Short-name form: epoch seconds in lower-case base 36. */
    public static String formatBase36(long epochSeconds) {
        return Long.toString(epochSeconds, 36);
    }

    /** Parses a lower-case base-36 number; empty if it is not one. */
    public static OptionalLong parseBase36(String text) {
        if (text.isEmpty() || !text.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'))) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(text, 36));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
