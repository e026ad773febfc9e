package camelback.archive;

/** ENOSPC as the JDK reports it: no exception type of its own, only the system's message. */
public final class DiskFull {
    private DiskFull() {
    }

    /** Whether a full disk is {@code error} or anywhere in its causes. */
    public static boolean isCause(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("No space left on device")) {
                return true;
            }
        }
        return false;
    }
}
