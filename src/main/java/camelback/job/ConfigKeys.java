package camelback.job;

import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The keys a job block ({@code camelback.job.NAME.*}) and the mail block ({@code camelback.mail.*}) may have. A key
 * outside them is a typo whose setting silently does not apply ({@code keep-ful=4} keeps every chain forever,
 * {@code crom=...} never schedules the job), so it is refused with the key it most likely meant.
 */
final class ConfigKeys {
    static final String JOB_PREFIX = "camelback.job.";
    static final String MAIL_PREFIX = "camelback.mail.";

    private static final Set<String> JOB_KEYS = Set.of(
            "source", "target", "enabled", "encryption", "public-key", "secret-key", "generate-key", "volsize",
            "full-if-older-than", "archive-dir", "cron", "compression", "crypto-pgp", "localdir",
            "file-prefix", "file-prefix-archive", "file-prefix-manifest", "file-prefix-signature",
            "s3-endpoint", "s3-region", "s3-access-key-id", "s3-path-style", "s3-read-timeout", "mail-to",
            "pre-timeout", "pre-workdir", "post-timeout", "post-workdir", "guard", "guard-uri", "guard-timeout",
            "keep-full", "keep-inc-of-full", "sign-key", "verify-key",
            "exclude", "exclude-filelist", "exclude-if-present", "exclude-other-filesystems", "exclude-device-files",
            "include", "include-filelist", "include-regexp", "exclude-regexp", "exclude-older-than");
    /** One argument per key: {@code pre-command.0}, {@code pre-command.1}, ... */
    private static final Pattern COMMAND_KEY = Pattern.compile("(pre|post)-command\\.\\d+");
    /** More regular expressions: {@code exclude-regexp.0}, {@code exclude-regexp.1}, ... */
    private static final Pattern REGEXP_KEY = Pattern.compile("(ex|in)clude-regexp\\.\\d{1,9}");
    private static final Set<String> MAIL_KEYS = Set.of("host", "port", "tls", "starttls", "timeout", "ca-file", "username",
            "from", "to");
    /** Further apart than this, a key is not taken for a misspelling of a known one. */
    private static final int MAX_TYPO_DISTANCE = 3;

    private ConfigKeys() {
    }

    /** @throws ConfigException naming every unknown key of a job or mail block */
    static void requireKnown(Properties props) {
        List<String> problems = new TreeSet<>(props.stringPropertyNames()).stream()
                .map(ConfigKeys::problem).filter(java.util.Objects::nonNull).toList();
        if (!problems.isEmpty()) {
            throw new ConfigException("unknown configuration key" + (problems.size() > 1 ? "s" : "") + ": "
                    + String.join("; ", problems) + " (see the configuration reference in README.md)");
        }
    }

    private static String problem(String key) {
        if (key.startsWith(MAIL_PREFIX)) {
            String rest = key.substring(MAIL_PREFIX.length());
            return MAIL_KEYS.contains(rest) ? null : unknown(key, rest, MAIL_KEYS);
        }
        if (!key.startsWith(JOB_PREFIX)) {
            return null;
        }
        String rest = key.substring(JOB_PREFIX.length());
        int dot = rest.indexOf('.');
        if (dot <= 0) {
            return key + " names no job setting (camelback.job.NAME.KEY)";
        }
        String setting = rest.substring(dot + 1);
        return JOB_KEYS.contains(setting) || COMMAND_KEY.matcher(setting).matches()
                || REGEXP_KEY.matcher(setting).matches() ? null : unknown(key, setting, JOB_KEYS);
    }

    private static String unknown(String key, String setting, Set<String> known) {
        String closest = known.stream().min(Comparator.comparingInt(k -> distance(k, setting))).orElseThrow();
        return distance(closest, setting) <= MAX_TYPO_DISTANCE
                ? key + " (did you mean " + key.substring(0, key.length() - setting.length()) + closest + "?)"
                : key;
    }

    /** Levenshtein distance. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
