package camelback.job;

import static camelback.job.ConfigValues.booleanValue;
import static camelback.job.ConfigValues.duration;
import static camelback.job.ConfigValues.intValue;
import static camelback.job.ConfigValues.list;
import static camelback.job.ConfigValues.readTimeout;
import static camelback.job.ConfigValues.required;
import static camelback.job.ConfigValues.resolve;
import static camelback.job.ConfigValues.trimmed;

import camelback.store.TargetUrl;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

/**
 * Reads every {@code camelback.job.NAME.*} block of the configuration into validated, immutable
 * {@link JobConfig}s. Relative paths are taken from the app home, so the program behaves the same
 * from any working directory.
 */
public final class JobConfigs {
    private static final String JOB_PREFIX = ConfigKeys.JOB_PREFIX;
    private static final long MIB = 1024L * 1024L;
    /** The benchmark's pick: within 2 % of gpg's level-6 size with a margin; 4 is faster but only just fits (README, Performance). */
    public static final int DEFAULT_COMPRESSION = 5;

    private final Map<String, JobConfig> jobs;
    private final MailSettings mail;
    private final Path secretsFile;

    private JobConfigs(Map<String, JobConfig> jobs, MailSettings mail, Path secretsFile) {
        this.jobs = jobs;
        this.mail = mail;
        this.secretsFile = secretsFile;
    }

    public static Properties readProperties(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("configuration file " + file + " not found (give one with --config FILE)");
        }
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(reader);
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage(), e);
        }
        return props;
    }

    public static JobConfigs load(Properties props, Path home, Secrets secrets) {
        ConfigKeys.requireKnown(props);
        String secretsKey = props.getProperty("camelback.secrets-file");
        Path secretsFile = secretsKey == null || secretsKey.isBlank() ? null : resolve(home, secretsKey);
        MailSettings mail = MailSettings.load(props, home, secrets);
        TreeSet<String> names = new TreeSet<>();
        for (String key : props.stringPropertyNames()) {
            if (key.startsWith(JOB_PREFIX)) {
                String rest = key.substring(JOB_PREFIX.length());
                int dot = rest.indexOf('.');
                if (dot > 0) {
                    names.add(rest.substring(0, dot));
                }
            }
        }
        Map<String, JobConfig> jobs = new LinkedHashMap<>();
        for (String name : names) {
            jobs.put(name, job(props, home, name, mail, secrets));
        }
        checkDistinct(jobs);
        return new JobConfigs(Map.copyOf(jobs), mail, secretsFile);
    }

    public Map<String, JobConfig> all() {
        return jobs;
    }

    public List<JobConfig> enabled() {
        return jobs.values().stream().filter(JobConfig::enabled).sorted((a, b) -> a.name().compareTo(b.name())).toList();
    }

    public JobConfig get(String name) {
        JobConfig job = jobs.get(name);
        if (job == null) {
            throw new ConfigException("unknown job '" + name + "'; configured jobs: " + new TreeSet<>(jobs.keySet()));
        }
        return job;
    }

    public MailSettings mail() {
        return mail;
    }

    public Path secretsFile() {
        return secretsFile;
    }

    /**
     * Where a target's archive dir is when none is configured: {@code ~/.cache/camelback/} and duplicity's cache name,
     * told apart by the file prefixes when a job has them.
     */
    public static Path defaultArchiveDir(String targetUrl, FilePrefixes prefixes) {
        return Path.of(System.getProperty("user.home"), ".cache", "camelback", archiveName(targetUrl + prefixes.cacheKey()));
    }

    /** duplicity's default cache name: the hex MD5 of the target URL as written. */
    public static String archiveName(String targetUrl) {
        try {
            byte[] md5 = MessageDigest.getInstance("MD5").digest(targetUrl.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md5);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JobConfig job(Properties props, Path home, String name, MailSettings mail, Secrets secrets) {
        String p = JOB_PREFIX + name + ".";
        String sourceText = required(props, p + "source");
        String target = normalizeTarget(home, required(props, p + "target"), p + "target");
        Encryption encryption;
        try {
            encryption = Encryption.parse(props.getProperty(p + "encryption", "public-key"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(p + "encryption: " + e.getMessage());
        }
        String publicKey = trimmed(props, p + "public-key");
        if (encryption == Encryption.PUBLIC_KEY && publicKey == null) {
            throw new ConfigException(p + "public-key is required when " + p + "encryption=public-key");
        }
        long volsizeMb = intValue(props, p + "volsize", 200);
        if (volsizeMb < 1) {
            throw new ConfigException(p + "volsize must be at least 1 (MiB)");
        }
        int level = intValue(props, p + "compression", DEFAULT_COMPRESSION);
        if (level < 0 || level > 9) {
            throw new ConfigException(p + "compression must be 0..9, not " + level);
        }
        FilePrefixes prefixes = new FilePrefixes(trimmed(props, p + "file-prefix"), trimmed(props, p + "file-prefix-archive"),
                trimmed(props, p + "file-prefix-manifest"), trimmed(props, p + "file-prefix-signature"));
        String archiveDir = trimmed(props, p + "archive-dir");
        Path archive = archiveDir == null ? defaultArchiveDir(target, prefixes) : resolve(home, archiveDir);
        List<String> mailTo = props.containsKey(p + "mail-to") ? list(props.getProperty(p + "mail-to")) : mail.to();
        return new JobConfig(
                name,
                booleanValue(props, p + "enabled", true),
                resolve(home, sourceText),
                props.getProperty(p + "localdir", resolve(home, sourceText).toString()).trim(),
                target,
                encryption,
                publicKey == null ? null : resolve(home, publicKey),
                props.containsKey(p + "secret-key") ? resolve(home, props.getProperty(p + "secret-key").trim()) : null,
                booleanValue(props, p + "generate-key", false),
                volsizeMb * MIB,
                trimmed(props, p + "full-if-older-than"),
                archive,
                cron(props, p + "cron"),
                level,
                new JobConfig.S3Options(
                        trimmed(props, p + "s3-endpoint"),
                        props.getProperty(p + "s3-region", "us-east-1").trim(),
                        trimmed(props, p + "s3-access-key-id"),
                        booleanValue(props, p + "s3-path-style", true),
                        readTimeout(props, p + "s3-read-timeout")),
                mail.withRecipients(mailTo),
                new JobConfig.Steps(step(props, home, p + "pre", "6h"), step(props, home, p + "post", "10m"), guard(props, p, secrets, name)),
                new JobConfig.Retention(keepCount(props, p + "keep-full"), keepCount(props, p + "keep-inc-of-full")),
                signing(props, home, p, encryption),
                booleanValue(props, p + "crypto-pgp", false),
                prefixes,
                selection(props, home, p, resolve(home, sourceText)));
    }

    private static SourceSelection selection(Properties props, Path home, String p, Path source) {
        String filelist = trimmed(props, p + "exclude-filelist");
        String includeFilelist = trimmed(props, p + "include-filelist");
        SourceSelection selection = new SourceSelection(filelist == null ? null : resolve(home, filelist),
                includeFilelist == null ? null : resolve(home, includeFilelist),
                list(props.getProperty(p + "include")), regexps(props, p + "include-regexp"),
                list(props.getProperty(p + "exclude")), regexps(props, p + "exclude-regexp"),
                trimmed(props, p + "exclude-older-than"), trimmed(props, p + "exclude-if-present"),
                booleanValue(props, p + "exclude-other-filesystems", false),
                booleanValue(props, p + "exclude-device-files", false));
        selection.checkWrittenRules(source, p);
        return selection;
    }

    /**
     * One regular expression per key, taken whole (a comma is part of many): {@code key}, then {@code key.0},
     * {@code key.1}, ... in order of their numbers.
     */
    private static List<String> regexps(Properties props, String key) {
        List<String> regexps = new ArrayList<>();
        if (props.containsKey(key)) {
            regexps.add(props.getProperty(key));
        }
        props.stringPropertyNames().stream().filter(k -> k.startsWith(key + ".")).map(k -> k.substring(key.length() + 1))
                .mapToInt(Integer::parseInt).sorted().forEach(n -> regexps.add(props.getProperty(key + "." + n)));
        return regexps;
    }

    /** {@code .pre-command.0}, {@code .pre-command.1}, ...: one argument per key, so spaces need no quoting. */
    private static StepSpec step(Properties props, Path home, String prefix, String defaultTimeout) {
        String key = prefix + "-command.";
        long count = props.stringPropertyNames().stream().filter(k -> k.startsWith(key)).count();
        if (count == 0) {
            return null;
        }
        List<String> command = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String arg = props.getProperty(key + i);
            if (arg == null) {
                throw new ConfigException(key + i + " is missing: number the arguments from 0 without gaps");
            }
            command.add(arg.trim());
        }
        String timeout = props.getProperty(prefix + "-timeout", defaultTimeout).trim();
        String workDir = trimmed(props, prefix + "-workdir");
        return new StepSpec(command, duration(timeout, prefix + "-timeout"), workDir == null ? null : resolve(home, workDir));
    }

    private static JobConfig.GuardSpec guard(Properties props, String p, Secrets secrets, String name) {
        String type = trimmed(props, p + "guard");
        if (type == null) {
            return null;
        }
        if (!type.equals("mongo-secondary")) {
            throw new ConfigException(p + "guard=" + type + " is not a known guard (mongo-secondary)");
        }
        String uri = secrets.forJob(Secrets.MONGO_GUARD_URI, name).orElse(trimmed(props, p + "guard-uri"));
        if (uri == null) {
            throw new ConfigException(p + "guard-uri (or the secret MONGO_GUARD_URI) is required for guard=mongo-secondary");
        }
        return new JobConfig.GuardSpec(type, uri, duration(props.getProperty(p + "guard-timeout", "5s").trim(), p + "guard-timeout"));
    }

    private static JobConfig.Signing signing(Properties props, Path home, String p, Encryption encryption) {
        String signKey = trimmed(props, p + "sign-key");
        String verifyKey = trimmed(props, p + "verify-key");
        if (signKey != null && encryption == Encryption.NONE) {
            throw new ConfigException(p + "sign-key needs encryption (public-key or passphrase): unencrypted gzip files carry no signature");
        }
        return new JobConfig.Signing(signKey == null ? null : resolve(home, signKey), verifyKey == null ? null : resolve(home, verifyKey));
    }

    /** Quartz's own parser, so a bad expression is named at start-up, not when the daemon schedules it. */
    private static String cron(Properties props, String key) {
        String cron = trimmed(props, key);
        if (cron != null && !org.quartz.CronExpression.isValidExpression(cron)) {
            String reason;
            try {
                org.quartz.CronExpression.validateExpression(cron);
                reason = "invalid";
            } catch (java.text.ParseException e) {
                reason = e.getMessage();
            }
            throw new ConfigException(key + "=" + cron + " is not a Quartz cron expression (" + reason
                    + "); it has 6 or 7 fields: seconds minutes hours day-of-month month day-of-week [year], e.g. 0 15 1 * * ?");
        }
        return cron;
    }

    /**
     * A number of chains to keep, at least 1. Checked here: the retention step only logs its failures (the backup has
     * succeeded), so {@code keep-full=0} had every run warn and delete nothing, and the target grew without end.
     */
    private static Integer keepCount(Properties props, String key) {
        if (trimmed(props, key) == null) {
            return null;
        }
        int count = intValue(props, key, 0);
        if (count < 1) {
            throw new ConfigException(key + " must be at least 1, not " + count + ": it counts the newest chains to keep");
        }
        return count;
    }

    /** {@code file:relative/dir} is taken from the app home; URLs are kept as written otherwise. */
    static String normalizeTarget(Path home, String target, String key) {
        if (target.startsWith("file:") && !target.startsWith("file://")) {
            return "file://" + home.resolve(target.substring(5)).normalize();
        }
        try {
            // the forms every command accepts, duplicity's s3+http:// and boto3+s3:// among them
            TargetUrl.parse(target);
        } catch (IllegalArgumentException e) {
            // the URL's own message, which hides any credentials written into it
            throw new ConfigException(key + " is not a supported target: " + e.getMessage());
        }
        return target;
    }

    private static void checkDistinct(Map<String, JobConfig> jobs) {
        List<JobConfig> list = new ArrayList<>(jobs.values());
        for (int i = 0; i < list.size(); i++) {
            for (int j = i + 1; j < list.size(); j++) {
                JobConfig a = list.get(i);
                JobConfig b = list.get(j);
                // Jobs may share a target under different file prefixes, as duplicity's users share a bucket. Targets are
                // compared as places, not text: s3://b/p, s3://b/p/ and boto3+s3://b/p are one prefix, whose sets one
                // job would otherwise take for its own chain.
                if (TargetUrl.parse(a.target()).equals(TargetUrl.parse(b.target())) && a.prefixes().equals(b.prefixes())) {
                    throw new ConfigException("jobs '" + a.name() + "' and '" + b.name() + "' share the target " + a.target()
                            + (a.prefixes().none() ? "; give each its own target or its own file-prefix" : " with the same file prefixes"));
                }
                if (a.archiveDir().equals(b.archiveDir())) {
                    throw new ConfigException("jobs '" + a.name() + "' and '" + b.name() + "' share the archive dir " + a.archiveDir());
                }
            }
        }
    }

}
