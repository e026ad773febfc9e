package camelback.store;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A file written under a temporary name beside its target and renamed over it once complete and synced,
 * so readers never see a half-written file.
 */
final class AtomicFile implements Closeable {

    private static final String TEMP_PREFIX = ".camelback-";
    private static final String TEMP_SUFFIX = ".tmp";

    private final Path target;
    private final Path temp;
    private boolean committed;

    private AtomicFile(Path target, Path temp) {
        this.target = target;
        this.temp = temp;
    }

    /** Creates the temporary file in the target's folder, creating that folder when missing. */
    static AtomicFile begin(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path folder = absolute.getParent();
        Files.createDirectories(folder);
        return new AtomicFile(absolute, Files.createTempFile(folder, TEMP_PREFIX, TEMP_SUFFIX));
    }

    /** True for the names of temporary files this class makes, which listings must not show. */
    static boolean isTemporary(String name) {
        return name.startsWith(TEMP_PREFIX) && name.endsWith(TEMP_SUFFIX);
    }

    Path temp() {
        return temp;
    }

    /** Syncs the content, renames it over the target and syncs the folder so the rename survives a crash. */
    void commit() throws IOException {
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        publish();
        syncFolder(target.getParent());
    }

    /**
     * Renames the content over the target without syncing: for scratch copies (downloads), which a crash may lose
     * but must never show half-written; syncing them would only wait for the disk.
     */
    void publish() throws IOException {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        committed = true;
    }

    @Override
    public void close() throws IOException {
        if (!committed) {
            Files.deleteIfExists(temp);
        }
    }

    private static void syncFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException unsupported) {
            // Some platforms cannot open or sync a folder; the file itself is already synced.
        }
    }
}
