package camelback.archive;

import camelback.rsync.SignatureBuilder;
import camelback.rsync.SignatureFormat;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The blocks of a full set: a snapshot of every source path in index order (spec 3.2–3.6). Each
 * regular file is read once, in 64 KiB chunks that feed both the volume and its MD4 signature; the
 * signature file and the Filelist are written as paths complete.
 */
final class SnapshotBlocks implements BlockSource, Closeable {
    static final int CHUNK = 65536;
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotBlocks.class);

    private final Iterator<FileMetadata> walker;
    private final FileOpener opener;
    private final SignatureTarWriter signatures;
    private final FilelistSpool filelist;
    private final SpillBuffer signature;
    private final BackupStatistics stats;
    private final byte[] buffer = new byte[CHUNK];

    private FileMetadata pending;
    private int pendingLength;
    private boolean pendingReady;
    private InputStream openFile;
    private SignatureBuilder signatureBuilder;
    private int chunk;
    private long bytesRead;

    SnapshotBlocks(Iterator<FileMetadata> walker, FileOpener opener, SignatureTarWriter signatures,
            FilelistSpool filelist, SpillBuffer signature, BackupStatistics stats) {
        this.walker = walker;
        this.opener = opener;
        this.signatures = signatures;
        this.filelist = filelist;
        this.signature = signature;
        this.stats = stats;
    }

    @Override
    public boolean hasNext() throws IOException {
        if (pendingReady) {
            return true;
        }
        if (openFile != null) {
            pendingLength = readChunk();
            chunk++;
            pendingReady = true;
            return true;
        }
        while (walker.hasNext()) {
            FileMetadata meta = walker.next();
            if (meta.type() == FileType.REGULAR && !open(meta)) {
                continue;
            }
            pending = meta;
            if (meta.type() == FileType.REGULAR) {
                pendingLength = readChunk();
                chunk = pendingLength < CHUNK ? 0 : 1;
            }
            pendingReady = true;
            return true;
        }
        return false;
    }

    @Override
    public BlockPosition writeNext(TarWriter volume) throws IOException {
        if (!hasNext()) {
            throw new IllegalStateException("no block left to write");
        }
        pendingReady = false;
        FileMetadata meta = pending;
        if (meta.type() != FileType.REGULAR) {
            volume.putEntry(TarHeader.special(new EntryName(EntryName.Kind.SNAPSHOT, meta.index(), 0).toBytes(true), meta));
            volume.closeEntry();
            signatures.writeSnapshot(meta);
            stats.addNewFile(meta.size(), meta.size());
            return new BlockPosition(meta.index(), null);
        }
        EntryName name = chunk == 0 ? new EntryName(EntryName.Kind.SNAPSHOT, meta.index(), 0)
                : new EntryName(EntryName.Kind.MULTIVOL_SNAPSHOT, meta.index(), chunk);
        volume.putEntry(TarHeader.regular(name.toBytes(true), meta, pendingLength));
        volume.write(buffer, 0, pendingLength);
        volume.closeEntry();
        boolean last = pendingLength < CHUNK;
        BlockPosition position = new BlockPosition(meta.index(), last ? null : chunk);
        if (last) {
            finishFile(meta);
        }
        return position;
    }

    private boolean open(FileMetadata meta) throws IOException {
        try {
            openFile = opener.open(meta.path());
        } catch (IOException e) {
            LOG.warn("Error {} getting delta for {}", e, meta.path());
            stats.addError(meta.index().toString(), e.toString());
            return false;
        }
        signature.reset();
        signatureBuilder = new SignatureBuilder(SignatureFormat.blockLength(meta.size()), signature);
        bytesRead = 0;
        return true;
    }

    /** Reads up to one chunk into the buffer; a read error ends the file with what was read. */
    private int readChunk() throws IOException {
        int total = 0;
        try {
            while (total < CHUNK) {
                int n = openFile.read(buffer, total, CHUNK - total);
                if (n < 0) {
                    break;
                }
                total += n;
            }
        } catch (IOException e) {
            LOG.warn("Error reading {} after {} bytes, storing what was read: {}", pending == null ? "?" : pending.path(),
                    bytesRead + total, e.toString());
            closeFile();
        }
        signatureBuilder.update(buffer, 0, total);
        bytesRead += total;
        return total;
    }

    private void finishFile(FileMetadata meta) throws IOException {
        closeFile();
        signatureBuilder.finish();
        signatures.writeSignature(meta, signature);
        filelist.add("new", meta.index());
        stats.addNewFile(meta.size(), bytesRead);
        stats.addRawDelta(bytesRead);
        signatureBuilder = null;
    }

    private void closeFile() throws IOException {
        if (openFile != null) {
            InputStream in = openFile;
            openFile = null;
            in.close();
        }
    }

    @Override
    public void close() throws IOException {
        closeFile();
    }
}
