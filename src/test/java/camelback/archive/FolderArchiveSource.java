package camelback.archive;

import camelback.testing.GpgHome;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** An {@link ArchiveSource} over a local folder that counts fetches; .gpg files decode through real gpg if a home is given. */
final class FolderArchiveSource implements ArchiveSource {
    private final Path folder;
    private final Path temp;
    private final GpgHome gpg;
    private final Path scratch;
    private final Map<String, Integer> fetches = new ConcurrentHashMap<>();

    FolderArchiveSource(Path folder, Path temp) {
        this(folder, temp, null);
    }

    FolderArchiveSource(Path folder, Path temp, GpgHome gpg) {
        this(folder, temp, gpg, null);
    }

    /** {@code scratch}: where decoded plaintext may spill; null for the default. */
    FolderArchiveSource(Path folder, Path temp, GpgHome gpg, Path scratch) {
        this.folder = folder;
        this.temp = temp;
        this.gpg = gpg;
        this.scratch = scratch;
    }

    @Override
    public Path scratch() {
        return scratch != null ? scratch : ArchiveSource.super.scratch();
    }

    @Override
    public List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Override
    public Path fetch(String name) throws IOException {
        fetches.merge(name, 1, Integer::sum);
        Path copy = Files.createTempFile(temp, "fetch-", ".bin");
        Files.copy(folder.resolve(name), copy, StandardCopyOption.REPLACE_EXISTING);
        return copy;
    }

    @Override
    public InputStream decode(String name, InputStream stored) throws IOException {
        if (name.endsWith(".gz")) {
            return new GZIPInputStream(stored);
        }
        if (name.endsWith(".gpg")) {
            return gpg.decrypt(stored);
        }
        return stored;
    }

    int fetchCount(String name) {
        return fetches.getOrDefault(name, 0);
    }

    /** Fetches of volume files. */
    int volumeFetches() {
        return fetches.entrySet().stream().filter(e -> e.getKey().contains(".difftar")).mapToInt(Map.Entry::getValue).sum();
    }
}
