package camelback.job;

import camelback.archive.ArchiveSource;
import camelback.archive.DiskFull;
import camelback.archive.ScratchFullException;
import camelback.crypto.CryptoException;
import camelback.crypto.Decryptor;
import camelback.crypto.IntegrityException;
import camelback.store.Store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;

/** The archive's view of a target: names and decoded files from a {@link Store}. */
public final class StoreArchiveSource implements ArchiveSource {
    private final Store store;
    private final Supplier<Decryptor> decryptor;
    private final Path tempDir;
    private final AtomicInteger fetches = new AtomicInteger();
    private final AtomicInteger names = new AtomicInteger();

    /** {@code decryptor} is asked for only when a {@code .gpg} file is opened. */
    public StoreArchiveSource(Store store, Supplier<Decryptor> decryptor, Path tempDir) {
        this.store = store;
        this.decryptor = decryptor;
        this.tempDir = tempDir;
    }

    @Override
    public List<String> names() throws IOException {
        return store.list();
    }

    @Override
    public Optional<Path> inPlace(String name) {
        return store.localFile(name);
    }

    @Override
    public Path scratch() {
        return tempDir;
    }

    @Override
    public Path fetch(String name) throws IOException {
        Files.createDirectories(tempDir);
        // A fresh name in this command's own temp dir, not a pre-created file: a download renamed over an existing
        // file is flushed to disk at once by ext4 (auto_da_alloc), which a scratch copy does not need.
        Path file = tempDir.resolve("fetch-" + names.incrementAndGet() + ".part");
        try {
            store.get(name, file);
        } catch (IOException e) {
            Files.deleteIfExists(file);
            if (DiskFull.isCause(e)) {
                throw ScratchFullException.of("the temp folder " + tempDir + " is full: cannot download " + name
                        + " from " + store.describe() + " into it", e);
            }
            throw e;
        } catch (RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        fetches.incrementAndGet();
        return file;
    }

    @Override
    public InputStream decode(String name, InputStream stored) throws IOException {
        if (name.endsWith(".gpg")) {
            Decryptor d = decryptor.get();
            if (d == null) {
                throw new CryptoException(name + " is encrypted: set PASSPHRASE (and --secret-key FILE for public-key sets)");
            }
            // A volume's errors are named by the restore; a manifest's or signature file's only here.
            boolean named = name.contains(".manifest") || name.contains(".sigtar");
            InputStream plain;
            try {
                plain = d.open(stored);
            } catch (IntegrityException e) {
                throw named ? NamedIntegrityFailures.named(name, e) : e;
            }
            return named ? new NamedIntegrityFailures(plain, name) : plain;
        }
        if (name.endsWith("gz")) {
            return new GZIPInputStream(stored, 65536);
        }
        return stored;
    }

    /** How many files were downloaded; restores of one path should fetch few. */
    public int fetchCount() {
        return fetches.get();
    }

    /** Names the file in an integrity failure found while it is read, so a sync or listing says which one is damaged. */
    private static final class NamedIntegrityFailures extends java.io.FilterInputStream {
        private final String name;

        NamedIntegrityFailures(InputStream in, String name) {
            super(in);
            this.name = name;
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IntegrityException e) {
                throw named(name, e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (IntegrityException e) {
                throw named(name, e);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } catch (IntegrityException e) {
                throw named(name, e);
            }
        }

        static IntegrityException named(String name, IntegrityException e) {
            return new IntegrityException(name + " on the target is damaged: " + e.getMessage(), e);
        }
    }
}
