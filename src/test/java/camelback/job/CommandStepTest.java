package camelback.job;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class CommandStepTest {
    private static final Duration GENEROUS = Duration.ofMinutes(1);

    @TempDir
    Path tmp;

    private final CommandStep step = new CommandStep("pre-step");

    @Test
    void runsInTheWorkDirWithTheExtraEnvironmentAndPassesArgumentsVerbatim() throws Exception {
        StepSpec spec = new StepSpec(List.of("sh", "-c", "printf '%s|%s|%s' \"$1\" \"$CAMELBACK_JOB\" \"$(pwd)\" > out.txt",
                "sh", "two words; $HOME `id`"), GENEROUS, tmp);

        StepResult result = step.run(spec, Map.of("CAMELBACK_JOB", "mongodb"));

        assertThat(result.exitCode()).isZero();
        assertThat(Files.readString(tmp.resolve("out.txt")))
                .isEqualTo("two words; $HOME `id`|mongodb|" + tmp.toRealPath());
    }

    @Test
    void nonZeroExitFailsWithTheExitCodeAndTheEndOfStderr() {
        StepSpec spec = new StepSpec(List.of("sh", "-c", "echo progress; echo 'dump failed: disk full' >&2; exit 3"),
                GENEROUS, tmp);

        assertThatThrownBy(() -> step.run(spec, Map.of()))
                .isInstanceOfSatisfying(StepFailedException.class, e -> {
                    assertThat(e.exitCode()).hasValue(3);
                    assertThat(e.stderrTail()).isEqualTo("dump failed: disk full\n");
                    assertThat(e.getMessage()).startsWith("pre-step command 'sh' failed with exit code 3")
                            .contains("dump failed: disk full");
                });
    }

    @Test
    void keepsOnlyTheLastEightKibOfALargeStderr() throws Exception {
        // 200 KiB on stderr in one long line: logged in pieces, only the end kept.
        StepSpec spec = new StepSpec(List.of("sh", "-c",
                "i=0; while [ $i -lt 2000 ]; do printf '%0100d' $i >&2; i=$((i+1)); done; echo THE-END >&2"),
                GENEROUS, tmp);

        StepResult result = step.run(spec, Map.of());

        assertThat(result.stderrTail()).startsWith("...").endsWith("THE-END\n")
                .hasSize(3 + CommandStep.STDERR_TAIL_BYTES)
                .contains(String.format("%0100d", 1999));
    }

    @Test
    void missingCommandIsAFailureNamingTheProgram() {
        StepSpec spec = new StepSpec(List.of("mongodump-does-not-exist", "--oplog"), GENEROUS, tmp);

        assertThatThrownBy(() -> step.run(spec, Map.of()))
                .isInstanceOf(StepFailedException.class)
                .hasMessageStartingWith("pre-step command 'mongodump-does-not-exist' not found");
    }

    @Test
    void missingWorkDirIsAFailureNamingIt() {
        Path gone = tmp.resolve("gone");
        StepSpec spec = new StepSpec(List.of("true"), GENEROUS, gone);

        assertThatThrownBy(() -> step.run(spec, Map.of()))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining(gone.toString());
    }

    @Test
    void timeoutKillsTheCommandAndItsChildren() throws Exception {
        Path pidFile = tmp.resolve("child.pid");
        // The child sleeps in the background so it is a grandchild-like descendant with its own pid.
        StepSpec spec = new StepSpec(List.of("sh", "-c", "sleep 300 & echo $! > child.pid; echo started >&2; wait"),
                Duration.ofSeconds(3), tmp);

        // Three seconds: the shell must have forked the sleep before the timeout, even on a busy CI machine.
        assertThatThrownBy(() -> step.run(spec, Map.of()))
                .isInstanceOfSatisfying(StepFailedException.class, e -> {
                    assertThat(e.getMessage()).startsWith("pre-step command 'sh' timed out after 3.0 s")
                            .contains("1 child process");
                    assertThat(e.exitCode()).isEmpty();
                    assertThat(e.stderrTail()).contains("started");
                });
        long childPid = Long.parseLong(Files.readString(pidFile).strip());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> ProcessHandle.of(childPid).map(h -> !h.isAlive()).orElse(true));
    }

    @Test
    void timeoutAlsoKillsWhatTheCommandDetachedWithADoubleFork() throws Exception {
        Path pidFile = tmp.resolve("detached.pid");
        // The subshell starts the sleep and exits: the sleep is re-parented and no longer a descendant of the command.
        StepSpec spec = new StepSpec(List.of("sh", "-c", "(sleep 300 & echo $! > detached.pid); echo started >&2; sleep 300"),
                Duration.ofSeconds(3), tmp);

        assertThatThrownBy(() -> step.run(spec, Map.of())).isInstanceOf(StepFailedException.class)
                .hasMessageContaining("timed out");
        long detached = Long.parseLong(Files.readString(pidFile).strip());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> ProcessHandle.of(detached).map(h -> !h.isAlive()).orElse(true));
    }

    @Test
    void rejectsAnEmptyCommand() {
        assertThatThrownBy(() -> new StepSpec(List.of(), GENEROUS, tmp))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
