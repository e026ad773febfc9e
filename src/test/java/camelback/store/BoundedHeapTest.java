package camelback.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Stores stream: a file three times the size of the heap goes up and comes back in a child JVM. */
class BoundedHeapTest {

    private static final String HEAP = "-Xmx32m";
    private static final long FILE_SIZE = 100L * 1000 * 1000;

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"file", "s3"})
    void fileLargerThanTheHeapRoundTrips(String kind) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path output = tmp.resolve("output.txt");
        Process child = new ProcessBuilder(List.of(java.toString(), HEAP,
                "-cp", System.getProperty("java.class.path"),
                LargeTransferCheck.class.getName(), kind, Long.toString(FILE_SIZE), tmp.toString()))
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        boolean finished = child.waitFor(3, TimeUnit.MINUTES);
        if (!finished) {
            child.destroyForcibly();
        }

        String log = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(finished).as("child JVM finished; output:%n%s", log).isTrue();
        assertThat(child.exitValue()).as("exit code; output:%n%s", log).isZero();
        assertThat(log).contains("round trip of " + FILE_SIZE + " bytes matched");
    }
}
