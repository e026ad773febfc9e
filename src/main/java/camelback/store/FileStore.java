package camelback.store;

import camelback.store.StoreException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A target folder on a local or mounted file system ({@code file:///path}); uploads appear atomically. */
public final class FileStore implements Store {

    private final Path directory;

    public FileStore(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
    }

    @Override
    public String describe() {
        return TargetUrl.file(directory).toString();
    }

    @Override
    public List<String> list() throws StoreException {
        if (!Files.exists(directory)) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (Files.isRegularFile(entry) && !AtomicFile.isTemporary(name)) {
                    names.add(name);
                }
            }
        } catch (NotDirectoryException e) {
            throw new StoreException(Reason.NOT_FOUND,
                    "cannot list " + describe() + ": it is a file, not a folder; point the target at a folder", e);
        } catch (AccessDeniedException e) {
            throw new StoreException(Reason.DENIED,
                    "cannot list " + describe() + ": permission denied; give this user read access to the folder", e);
        } catch (IOException e) {
            throw new StoreException(Reason.FAILED, "cannot list " + describe() + ": " + e, e);
        }
        return names;
    }

    @Override
    public void get(String name, Path destination) throws StoreException {
        Path source = fileFor(name);
        try (AtomicFile out = AtomicFile.begin(destination)) {
            Files.copy(source, out.temp(), StandardCopyOption.REPLACE_EXISTING);
            out.publish();
        } catch (IOException e) {
            throw readFailure("copy " + name + " from " + describe() + " to " + destination, name, e);
        }
    }

    @Override
    public Optional<Path> localFile(String name) {
        Path file = fileFor(name);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    @Override
    public InputStream open(String name) throws StoreException {
        try {
            return Files.newInputStream(fileFor(name));
        } catch (IOException e) {
            throw readFailure("open " + name + " in " + describe(), name, e);
        }
    }

    @Override
    public void put(String name, Path file) throws StoreException {
        Path target = fileFor(name);
        StoreArguments.sourceFile(file, name, describe());
        AtomicFile out;
        try {
            out = AtomicFile.begin(target);
        } catch (IOException e) {
            throw new StoreException(Reason.NOT_WRITABLE, "cannot write to " + describe() + ": " + e
                    + "; make the target folder (" + directory + ") a writable folder or choose another target", e);
        }
        try (out) {
            Files.copy(file, out.temp(), StandardCopyOption.REPLACE_EXISTING);
            out.commit();
        } catch (IOException e) {
            throw new StoreException(Reason.FAILED, "cannot store " + name + " in " + describe() + ": " + e
                    + "; check free space and permissions of " + directory, e);
        }
    }

    @Override
    public void delete(String name) throws StoreException {
        try {
            Files.deleteIfExists(fileFor(name));
        } catch (IOException e) {
            throw new StoreException(Reason.NOT_WRITABLE, "cannot delete " + name + " from " + describe() + ": " + e
                    + "; check the permissions of " + directory, e);
        }
    }

    @Override
    public void close() {
        // Nothing held open between calls.
    }

    private Path fileFor(String name) {
        return directory.resolve(StoreArguments.name(name));
    }

    private StoreException readFailure(String action, String name, IOException e) {
        if (e instanceof NoSuchFileException && !Files.exists(fileFor(name))) {
            return new StoreException(Reason.NOT_FOUND, "cannot " + action + ": " + name + " does not exist in "
                    + describe() + "; list the target to see which files it has", e);
        }
        if (e instanceof AccessDeniedException) {
            return new StoreException(Reason.DENIED, "cannot " + action + ": permission denied on "
                    + ((AccessDeniedException) e).getFile() + "; check file permissions", e);
        }
        return new StoreException(Reason.FAILED, "cannot " + action + ": " + e, e);
    }
}
