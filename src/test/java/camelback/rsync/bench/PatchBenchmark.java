package camelback.rsync.bench;

import camelback.rsync.DeltaBuilder;
import camelback.rsync.Patcher;
import camelback.rsync.Signature;
import camelback.rsync.SignatureBuilder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Rebuilds the edited file from the basis file (read through a FileChannel, as restores do) and the
 * edited-vs-basis delta held in memory; the counterpart of {@code rdiff patch BASIS DELTA NEW}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class PatchBenchmark {

    @Param("")
    public String inputDir;

    @Param("2048")
    public int blockLength;

    private byte[] delta;
    private FileChannel basis;

    @Setup
    public void load() throws IOException {
        byte[] basisBytes = InputFiles.read(inputDir, InputFiles.BASIS);
        ByteArrayOutputStream sig = new ByteArrayOutputStream();
        SignatureBuilder signature = new SignatureBuilder(blockLength, sig);
        signature.update(basisBytes, 0, basisBytes.length);
        signature.finish();
        byte[] edited = InputFiles.read(inputDir, "edited.bin");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DeltaBuilder builder = new DeltaBuilder(Signature.read(new ByteArrayInputStream(sig.toByteArray())), out);
        builder.update(edited, 0, edited.length);
        builder.finish();
        delta = out.toByteArray();
        basis = FileChannel.open(InputFiles.path(inputDir, InputFiles.BASIS), StandardOpenOption.READ);
    }

    @TearDown
    public void close() throws IOException {
        basis.close();
    }

    @Benchmark
    public long patch() throws IOException {
        InputFiles.CountingSink sink = new InputFiles.CountingSink();
        Patcher.apply(new ByteArrayInputStream(delta), basis, sink);
        return sink.count;
    }
}
