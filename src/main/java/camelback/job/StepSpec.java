package camelback.job;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * An external command run before or after a backup: the program and its arguments as a list (no
 * shell), how long it may take, and where it runs ({@code null}: the current working directory).
 */
public record StepSpec(List<String> command, Duration timeout, Path workDir) {
    public StepSpec {
        command = List.copyOf(command);
        if (command.isEmpty() || command.get(0).isBlank()) {
            throw new IllegalArgumentException("a step needs a command: the program, then its arguments");
        }
        if (timeout == null || timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("a step's timeout must be positive, not " + timeout);
        }
    }

    /** The program as the operator wrote it, for messages. */
    public String program() {
        return command.get(0);
    }
}
