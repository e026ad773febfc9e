package camelback.rsync.bench;

import camelback.rsync.DeltaBuilder;
import camelback.rsync.Signature;
import camelback.rsync.SignatureBuilder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
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

/**
 * Loads the basis signature and streams new data through DeltaBuilder in 64 KiB pieces, like
 * {@code rdiff delta SIG NEW DELTA}. newData is {@code edited} (the basis with scattered small edits)
 * or {@code unrelated} (other random bytes: no block matches, the search's worst case).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
// With the foreign-function module, as bin/camelback runs, so MD4 is OpenSSL's when libcrypto is installed.
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "--add-modules", "jdk.incubator.foreign",
        "--enable-native-access=ALL-UNNAMED"})
public class DeltaBenchmark {

    @Param("")
    public String inputDir;

    @Param({"512", "2048"})
    public int blockLength;

    @Param({"edited", "unrelated"})
    public String newData;

    private byte[] signature;
    private byte[] data;

    @Setup
    public void load() throws IOException {
        byte[] basis = InputFiles.read(inputDir, InputFiles.BASIS);
        ByteArrayOutputStream sig = new ByteArrayOutputStream();
        SignatureBuilder builder = new SignatureBuilder(blockLength, sig);
        builder.update(basis, 0, basis.length);
        builder.finish();
        signature = sig.toByteArray();
        data = InputFiles.read(inputDir, newData + ".bin");
    }

    @Benchmark
    public long delta() throws IOException {
        Signature basis = Signature.read(new ByteArrayInputStream(signature));
        InputFiles.CountingSink sink = new InputFiles.CountingSink();
        DeltaBuilder builder = new DeltaBuilder(basis, sink);
        for (int off = 0; off < data.length; off += InputFiles.CHUNK) {
            builder.update(data, off, Math.min(InputFiles.CHUNK, data.length - off));
        }
        builder.finish();
        return sink.count;
    }
}
