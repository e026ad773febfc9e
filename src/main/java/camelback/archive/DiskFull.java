package camelback.archive;

import java.util.List;

/**
 * ENOSPC, and EDQUOT (a user's quota is as full as a disk for the one writing), as the JDK reports them: no exception
 * type of their own, only the system's message.
 */
public final class DiskFull {
    private static final List<String> MESSAGES = List.of("No space left on device", "Disk quota exceeded");

    private DiskFull() {
    }

    /** Whether a full disk is {@code error} or anywhere in its causes. */
    public static boolean isCause(Throwable error) {
        return reason(error) != null;
    }

    /** The system's words for the full disk in {@code error}'s causes, or null when there is none. */
    public static String reason(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (String message : MESSAGES) {
                if (t.getMessage() != null && t.getMessage().contains(message)) {
                    return message;
                }
            }
        }
        return null;
    }
}
