package camelback.archive;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fills plain tar volumes from a {@link BlockSource}: before each block after the first, stops
 * the volume when {@code volsize − bytes written < 65536} (spec 3.7), then writes a normal tar end.
 */
final class VolumeCutter {
    private final BlockSource blocks;
    private final long volsize;

    VolumeCutter(BlockSource blocks, long volsize) {
        this.blocks = blocks;
        this.volsize = volsize;
    }

    /** The first and last block of a volume. */
    record Range(BlockSource.BlockPosition first, BlockSource.BlockPosition last) {
    }

    /** Writes the next volume to {@code file}; null (and no file) when no block is left. */
    Range cut(Path file) throws IOException {
        if (!blocks.hasNext()) {
            return null;
        }
        BlockSource.BlockPosition first;
        BlockSource.BlockPosition last;
        try (TarWriter tar = new TarWriter(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
            first = blocks.writeNext(tar);
            last = first;
            while (volsize - tar.written() >= SnapshotBlocks.CHUNK && blocks.hasNext()) {
                last = blocks.writeNext(tar);
            }
            tar.finish();
        }
        return new Range(first, last);
    }
}
