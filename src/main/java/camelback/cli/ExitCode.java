package camelback.cli;

/** The documented exit codes; cron and systemd rely on them (README lists them). */
public enum ExitCode {
    OK(0, "success"),
    ERROR(1, "failed for another reason (see the message)"),
    USAGE(2, "bad command line"),
    PARTIAL(3, "backup done, but some files could not be read (counted in Errors)"),
    LOCKED(4, "another run holds the archive dir's lock"),
    SKIPPED(5, "skipped: the pre-step guard said no"),
    CONFIG(6, "configuration, key file or source directory problem"),
    TARGET(7, "target unreachable, access denied or not writable"),
    CRYPTO(8, "wrong passphrase or missing key"),
    INTEGRITY(9, "corrupt, missing or tampered backup file"),
    REFUSED(10, "restore refused: destination not empty, path or time not in the backup");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }
}
