package camelback.rsync;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.channels.SeekableByteChannel;

/** Byte-array front end to the streaming classes, feeding input in uneven chunks to exercise buffering. */
final class InMemoryRsync {

    private static final int[] CHUNKS = {1, 7, 4096, 100_000, 513, 65536, 3};

    private InMemoryRsync() {
    }

    static byte[] signature(byte[] data, int blockLength) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SignatureBuilder builder = new SignatureBuilder(blockLength, out);
        int off = 0;
        for (int i = 0; off < data.length; i++) {
            int n = Math.min(CHUNKS[i % CHUNKS.length], data.length - off);
            builder.update(data, off, n);
            off += n;
        }
        builder.finish();
        return out.toByteArray();
    }

    static byte[] delta(byte[] signature, byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DeltaBuilder builder = new DeltaBuilder(Signature.read(new ByteArrayInputStream(signature)), out);
        int off = 0;
        for (int i = 0; off < data.length; i++) {
            int n = Math.min(CHUNKS[(i + 3) % CHUNKS.length], data.length - off);
            builder.update(data, off, n);
            off += n;
        }
        builder.finish();
        return out.toByteArray();
    }

    static byte[] patch(Path scratch, byte[] basis, byte[] delta) throws IOException {
        Path file = Files.createTempFile(scratch, "basis", ".bin");
        Files.write(file, basis);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            long n = Patcher.apply(new ByteArrayInputStream(delta), channel, out);
            if (n != out.size()) {
                throw new AssertionError("Patcher reported " + n + " bytes but wrote " + out.size());
            }
        }
        return out.toByteArray();
    }
}
