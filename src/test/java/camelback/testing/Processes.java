package camelback.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the real tools (duplicity, gpg, rdiff) for interop tests. */
public final class Processes {
    private Processes() {
    }

    public record Result(int exitCode, String output) {
    }

    public static Result run(Path dir, Map<String, String> env, List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + command);
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    /** Runs a command in the C.UTF-8 locale with {@code env} added (may be null); fails unless it exits 0. */
    public static String ok(Map<String, String> env, String... command) throws IOException, InterruptedException {
        Map<String, String> all = new java.util.HashMap<>(Map.of("LANG", "C.UTF-8", "LC_ALL", "C.UTF-8"));
        if (env != null) {
            all.putAll(env);
        }
        return ok(null, all, List.of(command));
    }

    public static String ok(Path dir, Map<String, String> env, List<String> command) throws IOException, InterruptedException {
        Result r = run(dir, env, command);
        if (r.exitCode() != 0) {
            throw new AssertionError(command + " exited " + r.exitCode() + ":\n" + r.output());
        }
        return r.output();
    }
}
