package camelback.rsync.bench;

import camelback.rsync.Rollsum;
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

/** Rolls a window of blockLength bytes one byte at a time over the whole basis, reading the weak sum at each step. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class RollsumBenchmark {

    @Param("")
    public String inputDir;

    @Param("2048")
    public int blockLength;

    private byte[] basis;

    @Setup
    public void load() throws IOException {
        basis = InputFiles.read(inputDir, InputFiles.BASIS);
    }

    @Benchmark
    public int roll() {
        byte[] b = basis;
        int window = blockLength;
        Rollsum sum = new Rollsum();
        sum.update(b, 0, window);
        // Folding every digest in keeps the JIT from skipping the work, as DeltaBuilder reads each one.
        int fold = sum.digest();
        for (int i = window; i < b.length; i++) {
            sum.rotate(b[i - window], b[i]);
            fold += sum.digest();
        }
        return fold;
    }
}
