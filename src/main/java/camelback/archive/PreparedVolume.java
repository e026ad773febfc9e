package camelback.archive;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One volume on its way through a restore: fetched and hashed on one thread, decoded on another into chunks that
 * the restoring thread reads as they come. Chunks are held in memory within a budget shared by the restore; beyond
 * it the decoder waits for the reader, or, when the reader waits for this volume while other volumes hold the budget,
 * goes on into a plaintext temp file, so neither waits for the other (see {@link PlaintextMemory}). Failures are kept and raised
 * on the restoring thread where the volume is used, a decode failure at the point in the plaintext where it
 * happened.
 */
final class PreparedVolume {
    private static final Logger LOG = LoggerFactory.getLogger(PreparedVolume.class);
    private static final int IO_BUFFER = 1 << 18;
    private static final int READ_BUFFER = 1 << 17;

    private final ArchiveSource source;
    private final String name;
    private final String expectedSha1;
    private final PlaintextMemory memory;

    // all below guarded by this
    private boolean fetched;
    private Throwable fetchError;
    private ArchiveSource.StoredFile stored;
    private String actualSha1;
    private boolean opened;
    private Throwable openError;
    private Path plain;
    private final ArrayDeque<Chunk> chunks = new ArrayDeque<>();
    private boolean finished;
    private Throwable tailError;
    private boolean tailDelivered;
    private boolean discarded;
    private boolean draining;

    /** A run of plaintext, in memory or at an offset of the temp file. */
    record Chunk(byte[] bytes, long offset, int length) {
    }

    /** {@code memory}: where decoded plaintext may wait, shared by all volumes of a restore. */
    PreparedVolume(ArchiveSource source, String name, ManifestVolume volume, PlaintextMemory memory) {
        this.memory = memory;
        this.source = source;
        this.name = name;
        this.expectedSha1 = volume.sha1();
    }

    String name() {
        return name;
    }

    /**
     * The SHA-1 of the stored volume, waiting for the fetch; raises the fetch's failure (as the target's, unless it
     * could not be written here).
     */
    synchronized String sha1() throws IOException {
        while (!fetched) {
            await();
        }
        if (fetchError instanceof IOException io && !(io instanceof ScratchFullException)) {
            throw new VolumeFetchException(io);
        }
        if (fetchError != null) {
            throw rethrowable(fetchError);
        }
        return actualSha1;
    }

    /**
     * The plaintext, once the decoder has opened the volume (raises its failure to open it); only for a volume whose
     * hash matched or could not be checked. Reading past what was decoded raises the decode's failure. Closing deletes
     * the temp files; for a volume whose hash could not be checked it first waits for the decode to end (as closing a
     * decoder stream reads it to its end), so a failure there is still raised.
     */
    synchronized InputStream open() throws IOException {
        while (!opened) {
            await();
        }
        if (openError != null) {
            throw rethrowable(openError);
        }
        return new BufferedInputStream(new VolumePlainStream(this), READ_BUFFER);
    }

    /** Stops the work on this volume and deletes its temp files; also after a failure or if never used. */
    void discard() {
        ArchiveSource.StoredFile s;
        Path p;
        synchronized (this) {
            if (!discarded && (fetchError != null || openError != null || (tailError != null && !tailDelivered))) {
                Throwable e = fetchError != null ? fetchError : openError != null ? openError : tailError;
                LOG.debug("{} was prepared but not used; its failure: {}", name, e.toString());
            }
            discarded = true;
            releaseQueued();
            s = stored;
            p = plain;
            stored = null;
            plain = null;
            notifyAll();
        }
        memory.drop(this);
        delete(ownCopy(s));
        delete(p);
    }

    /** Background: downloads the volume and hashes it. */
    void fetch() {
        ArchiveSource.StoredFile file = null;
        String sha1 = null;
        Throwable error = null;
        try {
            if (!isDiscarded()) {
                file = source.stored(name);
                sha1 = FileHash.sha1(file.file());
            }
        } catch (Throwable e) {
            error = e;
        }
        synchronized (this) {
            fetched = true;
            fetchError = error;
            actualSha1 = sha1;
            if (discarded) {
                delete(ownCopy(file));
            } else {
                stored = file;
            }
            notifyAll();
        }
    }

    /** Background: decodes the fetched volume into a temp file, after its fetch and only if its hash matched. */
    void decode() {
        memory.decodes(this);
        try {
            decodeFetched();
        } finally {
            memory.decoded(this);
        }
    }

    private void decodeFetched() {
        Path in;
        synchronized (this) {
            try {
                while (!fetched && !discarded) {
                    wait();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                discarded = true;
            }
            if (discarded || fetchError != null || (expectedSha1 != null && !expectedSha1.equals(actualSha1))) {
                opened = true;
                finished = true;
                notifyAll();
                return;
            }
            in = stored.file();
        }
        Throwable failure = null;
        try {
            try (PlaintextSpill spill = new PlaintextSpill(source.scratch(), this::adoptPlainFile)) {
                InputStream raw = new BufferedInputStream(Files.newInputStream(in), IO_BUFFER);
                InputStream decoded;
                try {
                    decoded = source.decode(name, raw);
                } catch (Throwable e) {
                    setOpened(e);
                    try {
                        raw.close();
                    } catch (IOException closing) {
                        e.addSuppressed(closing);
                    }
                    return;
                }
                setOpened(null);
                try {
                    copy(decoded, spill);
                    // closing a decoder reads it to its end, which a discarded volume need not wait for
                    (isDiscarded() ? raw : decoded).close();
                } catch (Throwable e) {
                    failure = e;
                    try {
                        decoded.close();
                    } catch (Throwable closing) {
                        LOG.debug("closing the failed decode of {}: {}", name, closing.toString());
                    }
                }
            }
        } catch (Throwable e) {
            failure = e;
        } finally {
            ArchiveSource.StoredFile done;
            synchronized (this) {
                if (!opened) {
                    opened = true;
                    openError = failure;
                } else if (tailError == null) {
                    tailError = failure;
                }
                finished = true;
                done = stored;
                stored = null;
                notifyAll();
            }
            delete(ownCopy(done));
        }
    }

    private void copy(InputStream decoded, PlaintextSpill spill) throws IOException {
        byte[] buffer = new byte[memory.chunkSize()];
        while (true) {
            int n = decoded.readNBytes(buffer, 0, buffer.length);
            if (n == 0) {
                return;
            }
            if (isDraining()) {
                // the reader closed the volume: an unverified one is decoded on only for the checks at its end
                if (isDiscarded() || isVerified() || n < buffer.length) {
                    return;
                }
                continue;
            }
            Chunk chunk;
            byte[] next = memory.take(this);
            if (next != null) {
                chunk = new Chunk(buffer, 0, n);
                buffer = next;
            } else if (isDiscarded()) {
                return;
            } else {
                chunk = new Chunk(null, spill.append(buffer, n), n);
            }
            synchronized (this) {
                if (discarded) {
                    release(chunk);
                    return;
                }
                if (draining) {
                    release(chunk);
                } else {
                    chunks.add(chunk);
                    notifyAll();
                }
            }
            if (n < buffer.length) {
                return;
            }
        }
    }

    /** The spill file was created: it is ours to delete, unless the volume was discarded meanwhile. */
    private void adoptPlainFile(Path file) throws IOException {
        synchronized (this) {
            if (!discarded) {
                plain = file;
                return;
            }
        }
        delete(file);
        throw new IOException(name + " was discarded");
    }

    private synchronized void setOpened(Throwable error) {
        opened = true;
        openError = error;
        notifyAll();
    }

    private synchronized boolean isDiscarded() {
        return discarded;
    }

    private synchronized boolean isDraining() {
        return draining;
    }

    /** Whether the stored volume's SHA-1 matched the manifest's: what was written, so its end need not be checked. */
    private synchronized boolean isVerified() {
        return expectedSha1 != null && expectedSha1.equals(actualSha1);
    }

    /** Gives back the memory of every queued chunk, unread; called holding the lock. */
    private void releaseQueued() {
        chunks.forEach(this::release);
        chunks.clear();
    }

    private void release(Chunk chunk) {
        if (chunk.bytes() != null) {
            memory.give(this, chunk.bytes());
        }
    }

    /** Waits for plaintext past what was read of the first chunk: that chunk, or null at the clean end. */
    synchronized Chunk nextChunk(int consumed) throws IOException {
        while (true) {
            if (discarded) {
                throw new IOException(name + " was already closed");
            }
            Chunk head = chunks.peekFirst();
            if (head != null && consumed < head.length()) {
                return head;
            }
            if (head != null) {
                throw new IllegalStateException("a read chunk was not dropped");
            }
            if (finished) {
                if (tailError != null) {
                    tailDelivered = true;
                    throw rethrowable(tailError);
                }
                return null;
            }
            await();
        }
    }

    synchronized void dropChunk(Chunk chunk) {
        if (chunks.peekFirst() == chunk) {
            chunks.removeFirst();
            release(chunk);
        }
    }

    synchronized Path plainFile() {
        return plain;
    }

    /**
     * The reader is done with the plaintext: what was not read is not wanted and its memory goes back. A volume whose
     * SHA-1 matched the manifest's is what was written, so the rest need not be decoded; any other is decoded to its
     * end for the integrity and signature checks there, waiting for that.
     *
     * @return the decode's failure, when the reader has not been given it yet
     */
    synchronized Throwable stopReading() throws InterruptedIOException {
        draining = true;
        releaseQueued();
        notifyAll();
        boolean verified = isVerified();
        while (!verified && !finished && !discarded) {
            await();
        }
        Throwable undelivered = tailDelivered || !finished ? null : tailError;
        tailDelivered = true;
        return undelivered;
    }

    /** The restoring thread waits for this volume, which may then use the memory's reserve or spill (see there). */
    private void await() throws InterruptedIOException {
        memory.readerWaits(this);
        try {
            wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for " + name);
        } finally {
            memory.readerResumes();
        }
    }

    /** A background failure, raised as it was: I/O and runtime failures as themselves. */
    static IOException rethrowable(Throwable e) {
        if (e instanceof IOException io) {
            return io;
        }
        if (e instanceof RuntimeException r) {
            throw r;
        }
        if (e instanceof Error err) {
            throw err;
        }
        return new IOException(e);
    }

    /** The fetched copy to delete; null for a file read in place, or none. */
    private static Path ownCopy(ArchiveSource.StoredFile file) {
        return file != null && file.temporary() ? file.file() : null;
    }

    private void delete(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("cannot delete the restore temp file {}: {}", file, e.toString());
        }
    }
}
