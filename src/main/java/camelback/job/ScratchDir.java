package camelback.job;

import camelback.archive.TreeDeletion;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A private temp folder that is deleted, with everything in it, when closed. */
public final class ScratchDir implements AutoCloseable {
    private final Path path;

    private ScratchDir(Path path) {
        this.path = path;
    }

    public static ScratchDir create(String prefix) throws IOException {
        return new ScratchDir(Files.createTempDirectory(prefix));
    }

    public Path path() {
        return path;
    }

    /** Deletes a folder tree (deepest first); a missing folder, or files vanishing meanwhile, are fine. */
    public static void deleteTree(Path root) throws IOException {
        TreeDeletion.delete(root);
    }

    @Override
    public void close() throws IOException {
        deleteTree(path);
    }
}
