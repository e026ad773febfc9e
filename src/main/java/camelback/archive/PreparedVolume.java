package camelback.archive;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One volume on its way through a restore: fetched and hashed on one thread, decoded into a plaintext temp file
 * on another, read by the restoring thread while that file grows. Failures are kept and raised on the restoring
 * thread where the volume is used, a decode failure at the point in the plaintext where it happened.
 */
final class PreparedVolume {
    private static final Logger LOG = LoggerFactory.getLogger(PreparedVolume.class);
    private static final int CHUNK = 1 << 18;
    private static final int READ_BUFFER = 1 << 17;

    private final ArchiveSource source;
    private final String name;
    private final String expectedSha1;

    // all below guarded by this
    private boolean fetched;
    private Throwable fetchError;
    private Path stored;
    private String actualSha1;
    private boolean opened;
    private Throwable openError;
    private Path plain;
    private long written;
    private boolean finished;
    private Throwable tailError;
    private boolean tailDelivered;
    private boolean discarded;

    PreparedVolume(ArchiveSource source, String name, ManifestVolume volume) {
        this.source = source;
        this.name = name;
        this.expectedSha1 = expectedSha1(volume);
    }

    /** The manifest's SHA-1 of the volume, or null when it gives none to check against. */
    static String expectedSha1(ManifestVolume volume) {
        return volume.hash() != null && "SHA1".equals(volume.hashType()) ? volume.hash() : null;
    }

    String name() {
        return name;
    }

    /** The SHA-1 of the stored volume, waiting for the fetch; raises the fetch's failure. */
    synchronized String sha1() throws IOException {
        while (!fetched) {
            await();
        }
        if (fetchError != null) {
            throw rethrowable(fetchError);
        }
        return actualSha1;
    }

    /**
     * The plaintext, once the decoder has opened the volume (raises its failure to open it); only for a volume whose
     * hash matched or could not be checked. Reading past what was decoded raises the decode's failure; closing waits
     * for the decode to end (as closing a decoder stream reads it to its end) and deletes the temp files.
     */
    synchronized InputStream open() throws IOException {
        while (!opened) {
            await();
        }
        if (openError != null) {
            throw rethrowable(openError);
        }
        return new BufferedInputStream(new PlainStream(), READ_BUFFER);
    }

    /** Stops the work on this volume and deletes its temp files; also after a failure or if never used. */
    void discard() {
        Path s;
        Path p;
        synchronized (this) {
            if (!discarded && (fetchError != null || openError != null || (tailError != null && !tailDelivered))) {
                Throwable e = fetchError != null ? fetchError : openError != null ? openError : tailError;
                LOG.debug("{} was prepared but not used; its failure: {}", name, e.toString());
            }
            discarded = true;
            s = stored;
            p = plain;
            stored = null;
            plain = null;
            notifyAll();
        }
        delete(s);
        delete(p);
    }

    /** Background: downloads the volume and hashes it. */
    void fetch() {
        Path file = null;
        String sha1 = null;
        Throwable error = null;
        try {
            if (!isDiscarded()) {
                file = source.fetch(name);
                sha1 = sha1(file);
            }
        } catch (Throwable e) {
            error = e;
        }
        synchronized (this) {
            fetched = true;
            fetchError = error;
            actualSha1 = sha1;
            if (discarded) {
                delete(file);
            } else {
                stored = file;
            }
            notifyAll();
        }
    }

    /** Background: decodes the fetched volume into a temp file, after its fetch and only if its hash matched. */
    void decode() {
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
            in = stored;
        }
        Throwable failure = null;
        try {
            Path out = Files.createTempFile(in.toAbsolutePath().getParent(), "plain-", ".tar");
            synchronized (this) {
                if (discarded) {
                    delete(out);
                    return;
                }
                plain = out;
            }
            try (FileChannel channel = FileChannel.open(out, StandardOpenOption.WRITE)) {
                InputStream raw = new BufferedInputStream(Files.newInputStream(in), CHUNK);
                InputStream decoded;
                try {
                    decoded = source.decode(name, raw);
                } catch (Throwable e) {
                    raw.close();
                    setOpened(e);
                    return;
                }
                setOpened(null);
                try {
                    copy(decoded, channel);
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
            Path done;
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
            delete(done);
        }
    }

    private void copy(InputStream decoded, FileChannel channel) throws IOException {
        byte[] buffer = new byte[CHUNK];
        while (true) {
            int n = decoded.readNBytes(buffer, 0, buffer.length);
            if (n == 0) {
                return;
            }
            ByteBuffer b = ByteBuffer.wrap(buffer, 0, n);
            while (b.hasRemaining()) {
                channel.write(b);
            }
            synchronized (this) {
                if (discarded) {
                    return;
                }
                written += n;
                notifyAll();
            }
            if (n < buffer.length) {
                return;
            }
        }
    }

    private synchronized void setOpened(Throwable error) {
        opened = true;
        openError = error;
        notifyAll();
    }

    private synchronized boolean isDiscarded() {
        return discarded;
    }

    /** Waits for the decoder to get past {@code position}: how far the plaintext goes, or -1 at its clean end. */
    private synchronized long decodedEnd(long position) throws IOException {
        while (true) {
            if (discarded) {
                throw new IOException(name + " was already closed");
            }
            if (written > position) {
                return written;
            }
            if (finished) {
                if (tailError != null) {
                    tailDelivered = true;
                    throw rethrowable(tailError);
                }
                return -1;
            }
            await();
        }
    }

    private synchronized Path plainFile() {
        return plain;
    }

    /** The plaintext file as the decoder writes it. */
    private final class PlainStream extends InputStream {
        private FileChannel channel;
        private long position;
        private boolean closed;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            long end = decodedEnd(position);
            if (end < 0) {
                return -1;
            }
            if (channel == null) {
                channel = FileChannel.open(plainFile(), StandardOpenOption.READ);
            }
            int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, end - position)), position);
            if (n < 0) {
                throw new IOException(name + ": its plaintext temp file is shorter than what was decoded");
            }
            position += n;
            return n;
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            Throwable undelivered;
            try {
                synchronized (PreparedVolume.this) {
                    while (!finished && !discarded) {
                        await();
                    }
                    undelivered = tailDelivered ? null : tailError;
                    tailDelivered = true;
                }
            } finally {
                try {
                    if (channel != null) {
                        channel.close();
                    }
                } finally {
                    discard();
                }
            }
            if (undelivered != null) {
                throw rethrowable(undelivered);
            }
        }
    }

    private void await() throws InterruptedIOException {
        try {
            wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for " + name);
        }
    }

    /** A background failure, raised as it was: I/O and runtime failures as themselves. */
    private static IOException rethrowable(Throwable e) {
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

    private static String sha1(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-1", e);
        }
        byte[] buffer = new byte[CHUNK];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
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
