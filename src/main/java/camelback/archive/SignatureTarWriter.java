package camelback.archive;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a signature file (spec 5.1): {@code snapshot/} entries for non-regular paths, {@code signature/} ones for
 * files, {@code deleted/} ones for paths an incremental set deletes.
 */
final class SignatureTarWriter implements Closeable {
    private final Path file;
    private final TarWriter tar;
    private boolean finished;

    SignatureTarWriter(Path file) throws IOException {
        this.file = file;
        this.tar = new TarWriter(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
    }

    /** A directory, symlink, fifo or device (the root as {@code snapshot/}). */
    void writeSnapshot(FileMetadata meta) throws IOException {
        tar.putEntry(TarHeader.special(new EntryName(EntryName.Kind.SNAPSHOT, meta.index(), 0).toBytes(false), meta));
        tar.closeEntry();
    }

    /** A regular file's librsync signature. */
    void writeSignature(FileMetadata meta, SpillBuffer signature) throws IOException {
        byte[] name = new EntryName(EntryName.Kind.SIGNATURE, meta.index(), 0).toBytes(false);
        tar.putEntry(TarHeader.regular(name, meta, signature.size()));
        signature.copyTo(tar.entryStream());
        tar.closeEntry();
    }

    /** A path deleted in this set (new-signatures only): the same data-less header as in volumes. */
    void writeDeleted(PathIndex index) throws IOException {
        tar.putEntry(DeletedEntry.header(index));
        tar.closeEntry();
    }

    /** Ends the tar stream and returns the file. */
    Path finish() throws IOException {
        if (!finished) {
            tar.finish();
            tar.close();
            finished = true;
        }
        return file;
    }

    @Override
    public void close() throws IOException {
        tar.close();
    }
}
