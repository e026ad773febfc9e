package camelback.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Secrets come from the environment or from a secrets file of {@code KEY=value} lines (like the
 * {@code ~/.duplicity} files operators already keep, {@code export} prefixes and quotes allowed).
 * The environment wins. A secrets file readable by group or others is refused.
 */
public final class Secrets {
    public static final String PASSPHRASE = "PASSPHRASE";
    public static final String AWS_ACCESS_KEY_ID = "AWS_ACCESS_KEY_ID";
    public static final String AWS_SECRET_ACCESS_KEY = "AWS_SECRET_ACCESS_KEY";
    /** The third part of temporary credentials (assumed roles, SSO), given with their key id and secret key. */
    public static final String AWS_SESSION_TOKEN = "AWS_SESSION_TOKEN";
    public static final String SMTP_PASSWORD = "SMTP_PASSWORD";
    public static final String SIGN_PASSPHRASE = "SIGN_PASSPHRASE";
    public static final String MONGO_GUARD_URI = "MONGO_GUARD_URI";
    private static final Set<String> NAMES = Set.of(PASSPHRASE, SIGN_PASSPHRASE, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
            AWS_SESSION_TOKEN, SMTP_PASSWORD, MONGO_GUARD_URI);

    private final Map<String, String> values;

    private Secrets(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    public static Secrets of(Map<String, String> environment, Path secretsFile) {
        Map<String, String> merged = new HashMap<>();
        if (secretsFile != null) {
            merged.putAll(readFile(secretsFile));
        }
        environment.forEach((k, v) -> {
            if (v != null && !v.isEmpty()) {
                merged.put(k, v);
            }
        });
        return new Secrets(merged);
    }

    public static Secrets fromEnvironment(Path secretsFile) {
        return of(System.getenv(), secretsFile);
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** A job-specific secret ({@code KEY_JOBNAME}) before the global one. */
    public Optional<String> forJob(String key, String job) {
        String specific = key + "_" + job.toUpperCase().replaceAll("[^A-Z0-9]", "_");
        return get(specific).or(() -> get(key));
    }

    /** Whether {@code variable} names one of camelback's secrets, global or for a job ({@code PASSPHRASE_MONGODB}). */
    public static boolean isSecretName(String variable) {
        if (NAMES.contains(variable)) {
            return true;
        }
        for (String name : NAMES) {
            if (variable.startsWith(name + "_") && variable.length() > name.length() + 1) {
                return true;
            }
        }
        return false;
    }

    public Optional<char[]> passphrase(String job) {
        return forJob(PASSPHRASE, job).map(String::toCharArray);
    }

    @Override
    public String toString() {
        return "Secrets" + values.keySet();
    }

    private static Map<String, String> readFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("secrets file " + file + " does not exist");
        }
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)
                    || perms.contains(PosixFilePermission.GROUP_WRITE) || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
                throw new ConfigException("secrets file " + file + " is accessible by group or others; run: chmod 600 " + file);
            }
            Map<String, String> result = new HashMap<>();
            for (String raw : Files.readAllLines(file)) {
                String line = raw.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("export ")) {
                    line = line.substring(7).strip();
                }
                int eq = line.indexOf('=');
                if (eq <= 0) {
                    continue;
                }
                result.put(line.substring(0, eq).strip(), unquote(line.substring(eq + 1).strip()));
            }
            return result;
        } catch (IOException e) {
            throw new ConfigException("cannot read secrets file " + file + ": " + e.getMessage(), e);
        }
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }
}
