package camelback.rsync.bench;

import camelback.rsync.SignatureBuilder;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** SignatureBuilder over the whole basis, fed in 64 KiB pieces; the counterpart of {@code rdiff signature}. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
// With the foreign-function module, as bin/camelback runs, so MD4 is OpenSSL's when libcrypto is installed.
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "--add-modules", "jdk.incubator.foreign",
        "--enable-native-access=ALL-UNNAMED"})
public class SignatureBenchmark {

    @Param("")
    public String inputDir;

    @Param({"512", "2048"})
    public int blockLength;

    private byte[] basis;

    @Setup
    public void load() throws IOException {
        basis = InputFiles.read(inputDir, InputFiles.BASIS);
    }

    @Benchmark
    public long signature() throws IOException {
        InputFiles.CountingSink sink = new InputFiles.CountingSink();
        SignatureBuilder builder = new SignatureBuilder(blockLength, sink);
        for (int off = 0; off < basis.length; off += InputFiles.CHUNK) {
            builder.update(basis, off, Math.min(InputFiles.CHUNK, basis.length - off));
        }
        builder.finish();
        return sink.count;
    }
}
