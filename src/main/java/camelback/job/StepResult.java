package camelback.job;

import java.time.Duration;

/** How a step that ran to the end went: its exit code, how long it took and the end of its stderr. */
public record StepResult(int exitCode, Duration duration, String stderrTail) {
}
