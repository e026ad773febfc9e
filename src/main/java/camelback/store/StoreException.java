package camelback.store;

import java.io.IOException;

/** A store operation failed; {@link #reason()} tells callers (and the retry decorator) what kind of failure it was. */
public class StoreException extends IOException {

    /** What went wrong, from the caller's point of view. */
    public enum Reason {
        /** The file (or bucket) is not there. */
        NOT_FOUND,
        /** The target could not be reached (connection refused, unknown host, timeout): may pass. */
        UNREACHABLE,
        /** Credentials are missing or wrong, or the account may not do this. */
        DENIED,
        /** The target cannot be written (read-only, not a folder, no permission). */
        NOT_WRITABLE,
        /** Anything else, e.g. a server error or an interrupted transfer: may pass. */
        FAILED,
        /**
         * A download could not be written on this machine (its disk is full, the folder is not writable): not the
         * target's failure, and not one that passes by downloading again.
         */
        LOCAL
    }

    private final Reason reason;

    public StoreException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public StoreException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
