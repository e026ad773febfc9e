package camelback.rsync.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** The input files bench/jmh.sh generates (basis, edited, unrelated), read from the inputDir parameter. */
final class InputFiles {

    static final String BASIS = "basis.bin";
    /** Size of the pieces fed to the builders: duplicity hands librsync 64 KiB buffers. */
    static final int CHUNK = 65536;

    private InputFiles() {
    }

    static Path path(String inputDir, String name) throws IOException {
        if (inputDir == null || inputDir.isBlank()) {
            throw new NoSuchFileException("inputDir", null,
                    "no input directory: run bench/jmh.sh, or pass -p inputDir=DIR holding basis.bin, edited.bin, unrelated.bin");
        }
        Path file = Path.of(inputDir, name);
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null,
                    "benchmark input missing: bench/jmh.sh generates it (or pass -p inputDir=DIR)");
        }
        return file;
    }

    /** Whole file on the heap, so the benchmark measures the algorithm rather than the disk. */
    static byte[] read(String inputDir, String name) throws IOException {
        return Files.readAllBytes(path(inputDir, name));
    }

    /** Output sink that only counts, so that nothing the code under test writes is optimised away. */
    static final class CountingSink extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
