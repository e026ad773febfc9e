package camelback.job;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * duplicity's time strings ({@code --time}, {@code --older-than}) and intervals
 * ({@code full-if-older-than}): now, epoch seconds, {@code YYYYMMDDTHHMMSSZ}, w3 datetimes with or
 * without zone, {@code YYYY-MM-DD}, {@code YYYY/MM/DD}, {@code MM/DD/YYYY}, and intervals such as
 * {@code 3D}, {@code 2W}, {@code 1h30m} meaning that long ago.
 */
public final class TimeSpec {
    private static final Pattern INTERVAL_PART = Pattern.compile("(\\d+)([smhDWMY])");
    private static final Pattern INTERVAL = Pattern.compile("(\\d+[smhDWMY])+");
    private static final Pattern BACKUP_TIME = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})T(\\d{2})(\\d{2})(\\d{2})Z");
    private static final Pattern US_DATE = Pattern.compile("(\\d{1,2})/(\\d{1,2})/(\\d{4})");

    private TimeSpec() {
    }

    /** Epoch seconds for a time string, relative forms counted back from {@code now}. */
    public static long parse(String text, long now, ZoneId zone) {
        String t = text.trim();
        if (t.equalsIgnoreCase("now")) {
            return now;
        }
        if (t.matches("\\d{5,}")) {
            return Long.parseLong(t);
        }
        if (INTERVAL.matcher(t).matches()) {
            return now - intervalSeconds(t);
        }
        Matcher m = BACKUP_TIME.matcher(t.toUpperCase());
        if (m.matches()) {
            return LocalDateTime.of(num(m, 1), num(m, 2), num(m, 3), num(m, 4), num(m, 5), num(m, 6))
                    .atZone(ZoneId.of("UTC")).toEpochSecond();
        }
        m = US_DATE.matcher(t);
        if (m.matches()) {
            return LocalDate.of(num(m, 3), num(m, 1), num(m, 2)).atStartOfDay(zone).toEpochSecond();
        }
        String w3 = t.replace('/', '-');
        try {
            if (w3.length() == 10) {
                return LocalDate.parse(w3).atStartOfDay(zone).toEpochSecond();
            }
            if (w3.endsWith("Z") || w3.matches(".*[+-]\\d{2}:\\d{2}$")) {
                return OffsetDateTime.parse(w3).toEpochSecond();
            }
            return LocalDateTime.parse(w3).atZone(zone).toEpochSecond();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("bad time string '" + text + "': use now, epoch seconds, "
                    + "YYYY-MM-DD, YYYY-MM-DDTHH:MM:SS[+HH:MM], YYYYMMDDTHHMMSSZ or an interval like 3D, 2W, 1h30m");
        }
    }

    /** Seconds in an interval such as {@code 14D} or {@code 1h30m} (M = 30 days, Y = 365 days). */
    public static long intervalSeconds(String text) {
        String t = text.trim();
        if (!INTERVAL.matcher(t).matches()) {
            throw new IllegalArgumentException("bad interval '" + text + "': use e.g. 14D, 2W, 1M, 12h, 1h30m");
        }
        long total = 0;
        Matcher m = INTERVAL_PART.matcher(t);
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            total += n * switch (m.group(2)) {
                case "s" -> 1L;
                case "m" -> 60L;
                case "h" -> 3600L;
                case "D" -> 86_400L;
                case "W" -> 7 * 86_400L;
                case "M" -> 30 * 86_400L;
                default -> 365 * 86_400L;
            };
        }
        return total;
    }

    private static int num(Matcher m, int group) {
        return Integer.parseInt(m.group(group));
    }
}
