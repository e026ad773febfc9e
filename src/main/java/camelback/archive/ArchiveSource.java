package camelback.archive;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Read access to a backup target, implemented by the job layer over a store and a decryptor. */
public interface ArchiveSource {

    /** The file names on the target. */
    List<String> names() throws IOException;

    /** Downloads a file's stored bytes into a temp file; the caller deletes it. */
    Path fetch(String name) throws IOException;

    /**
     * The stored file itself when the target is a local folder, to hash and decode in place rather than copy; never
     * deleted by the caller. Empty when the file must be {@linkplain #fetch fetched}.
     */
    default Optional<Path> inPlace(String name) {
        return Optional.empty();
    }

    /**
     * A stored file to read: the target's own when it lies in a local folder, else a fetched temp copy.
     *
     * @param temporary whether {@link #release()} deletes it (a fetched copy), or leaves it (the target's file)
     */
    record StoredFile(Path file, boolean temporary) {
        /** Deletes a fetched copy; leaves a file read in place. */
        public void release() throws IOException {
            if (temporary) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** The stored file, {@linkplain #inPlace in place} when possible, else {@linkplain #fetch fetched}. */
    default StoredFile stored(String name) throws IOException {
        Optional<Path> local = inPlace(name);
        return local.isPresent() ? new StoredFile(local.get(), false) : new StoredFile(fetch(name), true);
    }

    /** Where temp files for this source's data may go (fetched copies, decoded plaintext waiting to be read). */
    default Path scratch() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    /** The plaintext of a stored file: decrypted or gunzipped according to the name's suffix. */
    InputStream decode(String name, InputStream stored) throws IOException;

    /**
     * The plaintext of a stored file, fetched and decoded; closing the stream deletes the fetched copy.
     * A cache overrides this to serve metadata it already holds in plain form.
     */
    default InputStream openPlain(String name) throws IOException {
        StoredFile stored = stored(name);
        try {
            InputStream decoded = decode(name, Files.newInputStream(stored.file()));
            return new FilterInputStream(decoded) {
                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        stored.release();
                    }
                }
            };
        } catch (IOException | RuntimeException e) {
            stored.release();
            throw e;
        }
    }
}
