package camelback.job;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * Reads one value of the configuration as the type it must be, or fails with a {@link ConfigException} that names the
 * key and what it takes: every key of {@link JobConfigs} and {@link MailSettings} is read through these.
 */
final class ConfigValues {
    private ConfigValues() {
    }

    /** An interval of at least a second (a timeout); null when the key is not set. */
    static Duration readTimeout(Properties props, String key) {
        String value = trimmed(props, key);
        if (value == null) {
            return null;
        }
        Duration timeout = duration(value, key);
        if (timeout.isZero()) {
            throw new ConfigException(key + " must be at least 1s, e.g. 30s or 2m");
        }
        return timeout;
    }

    /** An interval in duplicity's forms (30s, 2m, 1h30m, 3D), as {@code key}'s value. */
    static Duration duration(String value, String key) {
        try {
            return Duration.ofSeconds(TimeSpec.intervalSeconds(value));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key + ": " + e.getMessage());
        }
    }

    /** A path as written: relative ones from the app home, {@code ~/} from the user's. */
    static Path resolve(Path home, String value) {
        String v = value.trim();
        if (v.startsWith("~/")) {
            return Path.of(System.getProperty("user.home")).resolve(v.substring(2)).normalize();
        }
        return home.resolve(v).normalize();
    }

    static String required(Properties props, String key) {
        String v = trimmed(props, key);
        if (v == null) {
            throw new ConfigException("missing required property " + key);
        }
        return v;
    }

    static String trimmed(Properties props, String key) {
        String v = props.getProperty(key);
        return v == null || v.isBlank() ? null : v.trim();
    }

    static int intValue(Properties props, String key, int fallback) {
        String v = trimmed(props, key);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new ConfigException(key + " must be a whole number, not '" + v + "'");
        }
    }

    /**
     * {@code true} or {@code false}, nothing else: Java's parse takes every other word for false, so {@code enabled=ture}
     * kept a job out of the daemon and {@code mail.tls=yes} sent the SMTP password unencrypted, both without a word.
     */
    static boolean booleanValue(Properties props, String key, boolean fallback) {
        String v = trimmed(props, key);
        if (v == null) {
            return fallback;
        }
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v);
        }
        throw new ConfigException(key + " must be true or false, not '" + v + "'");
    }

    static List<String> list(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
