package camelback.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Runs real tools (tar, gpg, duplicity) for tests. */
final class Processes {
    private Processes() {
    }

    /** Runs a command to completion, asserting exit 0; returns its merged output. */
    static String run(Map<String, String> env, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("LANG", "C.UTF-8");
        pb.environment().put("LC_ALL", "C.UTF-8");
        if (env != null) {
            pb.environment().putAll(env);
        }
        Process p = pb.start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("exit code of %s, output:%n%s", String.join(" ", command), output).isZero();
        return output;
    }
}
