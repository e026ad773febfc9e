package camelback.camel;

/** The daemon is stopping and its grace period is over: the run ends as failed before its set is complete. */
public final class RunStoppedException extends Exception {
    public RunStoppedException(String message) {
        super(message);
    }
}
