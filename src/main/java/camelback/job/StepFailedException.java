package camelback.job;

import java.io.IOException;
import java.util.OptionalInt;

/**
 * A pre- or post-step could not start, exited non-zero or ran out of time. Carries the exit code
 * (when there is one) and the last few KiB of the step's stderr for the run report.
 */
public class StepFailedException extends IOException {
    private final Integer exitCode;
    private final String stderrTail;

    public StepFailedException(String message, Integer exitCode, String stderrTail, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
        this.stderrTail = stderrTail == null ? "" : stderrTail;
    }

    public OptionalInt exitCode() {
        return exitCode == null ? OptionalInt.empty() : OptionalInt.of(exitCode);
    }

    public String stderrTail() {
        return stderrTail;
    }
}
