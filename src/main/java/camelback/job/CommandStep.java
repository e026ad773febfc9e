package camelback.job;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs an external command (a pre- or post-step such as {@code mongodump}) without a shell: its
 * output goes to the log line by line, only the end of its stderr is kept for the report, and
 * past its timeout the command and everything it started are killed: its process tree, and, since it runs in a
 * session of its own, whatever it detached into its process group.
 */
public final class CommandStep {
    private static final Logger LOG = LoggerFactory.getLogger(CommandStep.class);
    static final int STDERR_TAIL_BYTES = 8 * 1024;
    /** How long to wait for the output after the command exited; a background child may keep it open. */
    private static final long DRAIN_GRACE_MILLIS = 2000;
    private static final long KILL_WAIT_SECONDS = 10;
    /** util-linux's setsid, which runs a command in a new session (and process group); null where it is missing. */
    private static final String SETSID = Files.isExecutable(Path.of("/usr/bin/setsid")) && Files.isDirectory(Path.of("/proc"))
            ? "/usr/bin/setsid" : null;

    private final String role;

    /** @param role how the step is named in logs and errors, e.g. {@code pre-step} */
    public CommandStep(String role) {
        this.role = role;
    }

    /**
     * Runs the command to its end with the current environment, less camelback's secrets, plus {@code environment}.
     *
     * @throws StepFailedException it could not start, exited non-zero or timed out
     * @throws InterruptedException the caller was interrupted; the command was killed
     */
    public StepResult run(StepSpec spec, Map<String, String> environment) throws StepFailedException, InterruptedException {
        String program = spec.program();
        String name = role + " " + new File(program).getName();
        List<String> command = spec.command();
        if (SETSID != null) {
            // In a session of its own the command's process group holds whatever it starts, even what it detaches
            // with a double fork: a timeout kills the group, not only the tree the command still has.
            if (!onPath(program)) {
                throw notFound(program, "no such executable");
            }
            command = new java.util.ArrayList<>(command);
            command.add(0, SETSID);
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        if (spec.workDir() != null) {
            if (!Files.isDirectory(spec.workDir())) {
                throw new StepFailedException(role + " working directory " + spec.workDir() + " does not exist", null, null, null);
            }
            builder.directory(spec.workDir().toFile());
        }
        // A pre-command (mongodump, a snapshot script) has no use for the backup's passphrase or the bucket's keys, and
        // whatever it runs could log or leak them; a command that needs credentials gets its own.
        builder.environment().keySet().removeIf(Secrets::isSecretName);
        builder.environment().putAll(environment);
        long started = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw notStarted(program, e);
        }
        LOG.info("{}: started {} (pid {}, timeout {})", role, shown(spec.command()), process.pid(), human(spec.timeout()));
        OutputDrain stdout = new OutputDrain(process.getInputStream(), l -> LOG.info("{}: {}", name, l), 0);
        OutputDrain stderr = new OutputDrain(process.getErrorStream(), l -> LOG.info("{} (stderr): {}", name, l),
                STDERR_TAIL_BYTES);
        Thread outThread = drain(stdout, name + " stdout");
        Thread errThread = drain(stderr, name + " stderr");
        boolean finished;
        try {
            finished = process.waitFor(spec.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            int killed = killTree(process);
            LOG.warn("{}: interrupted; killed '{}' and {} child process(es)", role, program, killed);
            throw e;
        }
        if (!finished) {
            int killed = killTree(process);
            awaitOutput(outThread, errThread, name);
            throw new StepFailedException(role + " command '" + program + "' timed out after " + human(spec.timeout())
                    + "; killed it and " + killed + " child process(es). Raise the step's timeout if it needs longer"
                    + stderrSuffix(stderr.tail()), null, stderr.tail(), null);
        }
        awaitOutput(outThread, errThread, name);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        int exit = process.exitValue();
        if (exit != 0) {
            throw new StepFailedException(role + " command '" + program + "' failed with exit code " + exit + " after "
                    + human(took) + stderrSuffix(stderr.tail()), exit, stderr.tail(), null);
        }
        LOG.info("{}: '{}' finished in {}", role, program, human(took));
        return new StepResult(exit, took, stderr.tail());
    }

    private StepFailedException notStarted(String program, IOException e) {
        // ProcessBuilder reports a missing program only through errno in the message.
        if (e.getMessage() != null && e.getMessage().contains("error=2,")) {
            return notFound(program, e.getMessage());
        }
        return new StepFailedException(role + " command '" + program + "' could not be started: " + e.getMessage(), null,
                null, e);
    }

    private StepFailedException notFound(String program, String detail) {
        return new StepFailedException(role + " command '" + program + "' not found (check the PATH of the camelback "
                + "process or give the full path): " + detail, null, null, null);
    }

    private static Thread drain(OutputDrain drain, String name) {
        Thread thread = new Thread(drain, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private void awaitOutput(Thread out, Thread err, String name) throws InterruptedException {
        out.join(DRAIN_GRACE_MILLIS);
        err.join(DRAIN_GRACE_MILLIS);
        if (out.isAlive() || err.isAlive()) {
            LOG.warn("{}: a background process it started still holds its output open; not waiting for it", name);
        }
    }

    /** Kills the process, every descendant and the rest of its process group; returns how many others there were. */
    private static int killTree(Process process) throws InterruptedException {
        // Snapshot first: once the parent dies its children are re-parented and no longer its descendants.
        Set<ProcessHandle> others = new HashSet<>(process.descendants().toList());
        if (SETSID != null) {
            others.addAll(ProcessGroup.members(process.pid()));
            others.remove(process.toHandle());
        }
        process.destroyForcibly();
        others.forEach(ProcessHandle::destroyForcibly);
        process.waitFor(KILL_WAIT_SECONDS, TimeUnit.SECONDS);
        return others.size();
    }

    /** Whether {@code program} (a path, or a name looked up on the PATH) names an executable file. */
    private static boolean onPath(String program) {
        if (program.contains("/")) {
            return Files.isExecutable(Path.of(program));
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private static String stderrSuffix(String tail) {
        return tail.isBlank() ? "" : "; its stderr ended with:\n" + tail.stripTrailing();
    }

    private static String shown(List<String> command) {
        return command.stream().map(Redaction::hidingUserinfo)
                .map(a -> a.isEmpty() || a.matches(".*[\\s'\"].*") ? "'" + a.replace("'", "'\\''") + "'" : a)
                .collect(Collectors.joining(" "));
    }

    static String human(Duration d) {
        long millis = d.toMillis();
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long s = d.toSeconds();
        return s / 3600 > 0 ? String.format(Locale.ROOT, "%dh%02dm%02ds", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
}
