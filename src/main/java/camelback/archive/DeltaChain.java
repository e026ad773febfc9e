package camelback.archive;

import camelback.rsync.BasisReuse;
import camelback.rsync.Patcher;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;

/**
 * Builds a file's content from its last snapshot and the deltas after it, oldest first (spec 8.4 step 4), in temp
 * files of the restore's sink: the first delta patches the snapshot as it streams from its volume, each later one
 * the file the one before it built.
 */
final class DeltaChain {
    // a delta waits in memory up to this size while it is checked, in a temp file beyond it
    private static final int DELTA_MEMORY = 1 << 20;
    // what a streamed patch may keep of its basis for COPY commands that go back (repeated or moved blocks)
    private static final long REUSED_BASIS_MEMORY = 16 << 20;

    private DeltaChain() {
    }

    /** The built content, in a temp file from {@code sink} that the caller hands on or deletes. */
    static Path build(PathIndex index, ArchiveEntry base, List<ArchiveEntry> deltas, RestoreSink sink)
            throws IOException {
        Path current = sink.tempFileFor(index);
        boolean built = false;
        try {
            // WRITE only: truncating the empty temp file would make ext4 flush it to disk on close (auto_da_alloc)
            try (OutputStream out = Files.newOutputStream(current, StandardOpenOption.WRITE)) {
                patchFirst(base, deltas.get(0), current, out);
            }
            for (ArchiveEntry delta : deltas.subList(1, deltas.size())) {
                Path next = sink.tempFileFor(index);
                try (FileChannel basis = FileChannel.open(current, StandardOpenOption.READ);
                        OutputStream out = Files.newOutputStream(next, StandardOpenOption.WRITE)) {
                    Patcher.apply(delta.data(), basis, out);
                } finally {
                    Files.delete(current);
                    current = next;
                }
            }
            built = true;
            return current;
        } finally {
            if (!built) {
                Files.deleteIfExists(current);
            }
        }
    }

    /**
     * Writes {@code base} patched by its first delta to {@code out}. The base streams from its volume into the patch,
     * with the parts the delta copies more than once kept in memory; a delta that would need more than
     * {@link #REUSED_BASIS_MEMORY} of them is applied to the base written to a temp file beside {@code result}.
     */
    private static void patchFirst(ArchiveEntry base, ArchiveEntry delta, Path result, OutputStream out)
            throws IOException {
        try (SpillBuffer spooled = new SpillBuffer(result.resolveSibling(result.getFileName() + ".delta"),
                DELTA_MEMORY)) {
            delta.data().transferTo(spooled);
            Optional<BasisReuse> reuse;
            try (InputStream commands = spooled.newInputStream()) {
                reuse = Patcher.basisReuse(commands, REUSED_BASIS_MEMORY);
            }
            if (reuse.isPresent()) {
                try (InputStream commands = spooled.newInputStream()) {
                    Patcher.applyStreaming(commands, base.data(), reuse.get(), out);
                }
                return;
            }
            Path basis = result.resolveSibling(result.getFileName() + ".basis");
            try {
                try (OutputStream copy = Files.newOutputStream(basis)) {
                    base.data().transferTo(copy);
                }
                try (InputStream commands = spooled.newInputStream();
                        FileChannel seekable = FileChannel.open(basis, StandardOpenOption.READ)) {
                    Patcher.apply(commands, seekable, out);
                }
            } finally {
                Files.deleteIfExists(basis);
            }
        }
    }
}
