package camelback.job;

/** How a job's files are stored; the suffix is duplicity's. */
public enum Encryption {
    PUBLIC_KEY("public-key", ".gpg"),
    PASSPHRASE("passphrase", ".gpg"),
    NONE("none", ".gz");

    private final String key;
    private final String suffix;

    Encryption(String key, String suffix) {
        this.key = key;
        this.suffix = suffix;
    }

    public String key() {
        return key;
    }

    /** Suffix of volumes and signature files; manifests drop ".gz". */
    public String suffix() {
        return suffix;
    }

    public static Encryption parse(String value) {
        for (Encryption e : values()) {
            if (e.key.equalsIgnoreCase(value.trim())) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown encryption '" + value + "' (use public-key, passphrase or none)");
    }
}
