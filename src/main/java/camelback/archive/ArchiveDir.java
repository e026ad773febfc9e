package camelback.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local archive dir of one backup (spec 2.7), laid out as duplicity's: manifests plain, signature
 * files gzipped, named without the remote suffix. Other files (lockfile, *.part, work dirs) are left alone.
 */
public final class ArchiveDir {
    private static final Logger LOG = LoggerFactory.getLogger(ArchiveDir.class);
    private static final String TEMP_PREFIX = ".camelback-cache-";

    private final Path dir;

    public ArchiveDir(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /**
     * The local name of a remote manifest or signature file ({@code duplicity-full.T.manifest},
     * {@code ...sigtar.gz}); empty for volumes, partial files and names that are not duplicity's.
     */
    public static Optional<String> localName(String remoteName) {
        Optional<ArchiveFileName> parsed = ArchiveFileName.parse(remoteName);
        if (parsed.isEmpty() || parsed.get().partial()) {
            return Optional.empty();
        }
        ArchiveFileName n = parsed.get();
        ArchiveFileName.SetName set = new ArchiveFileName.SetName(n.full(), n.startTime(), n.endTime());
        return switch (n.type()) {
            case FULL_MANIFEST, INC_MANIFEST -> Optional.of(set.manifest(""));
            case FULL_SIGNATURES, NEW_SIGNATURES -> Optional.of(set.signatures(".gz"));
            default -> Optional.empty();
        };
    }

    /**
     * Brings the cache in line with the target (as duplicity does at the start of a command): downloads
     * missing manifests and signature files, deletes local ones whose remote file is gone.
     */
    public void sync(ArchiveSource source) throws IOException {
        sync(source, e -> false);
    }

    /**
     * Like {@link #sync(ArchiveSource)}, but a file whose download fails with an error {@code damaged} accepts is left
     * out of the archive dir instead of failing the sync: one damaged manifest of an old chain must not keep every
     * other chain from being read. Whoever needs the file later reads it from the target and reports it there.
     */
    public void sync(ArchiveSource source, java.util.function.Predicate<IOException> damaged) throws IOException {
        Files.createDirectories(dir);
        Map<String, String> wanted = new HashMap<>();
        for (String remote : source.names()) {
            localName(remote).ifPresent(local -> wanted.putIfAbsent(local, remote));
        }
        for (Map.Entry<String, String> e : wanted.entrySet()) {
            if (!Files.exists(dir.resolve(e.getKey()))) {
                try {
                    download(source, e.getValue());
                } catch (IOException failure) {
                    if (!damaged.test(failure)) {
                        throw failure;
                    }
                    LOG.warn("{}; left out of the archive dir {}: what needs it cannot be read", failure.getMessage(), dir);
                }
            }
        }
        for (String local : names()) {
            if (localName(local).filter(local::equals).isPresent() && !wanted.containsKey(local)) {
                LOG.info("Deleting {} from the archive dir {}: it is no longer on the target", local, dir);
                Files.deleteIfExists(dir.resolve(local));
            }
        }
    }

    /** The file names in the archive dir (all regular files, also non-archive ones). */
    public List<String> names() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** The local copy of a remote manifest or signature file, if the cache holds it. */
    public Optional<Path> cached(String remoteName) {
        return localName(remoteName).map(dir::resolve).filter(Files::isRegularFile);
    }

    /** Downloads one remote manifest or signature file into the cache (decoded; signatures re-gzipped); returns its path. */
    public Path download(ArchiveSource source, String remoteName) throws IOException {
        String local = localName(remoteName)
                .orElseThrow(() -> new IllegalArgumentException(remoteName + " is not a manifest or signature file"));
        try (InputStream plain = source.openPlain(remoteName)) {
            return store(local, plain);
        }
    }

    /** Stores a manifest just uploaded as {@code remoteName}; {@code plain} is its plaintext. */
    public void putManifest(String remoteName, Path plain) throws IOException {
        try (InputStream in = Files.newInputStream(plain)) {
            store(requireLocal(remoteName), in);
        }
    }

    /**
     * Files a gzipped signature tar under the cache name of {@code remoteName}, moving it: a backup gzips its
     * signatures while its last volumes are still compressed, and files them once the set is complete.
     */
    public void putGzippedSignatures(String remoteName, Path gzipped) throws IOException {
        String local = requireLocal(remoteName);
        Files.createDirectories(dir);
        try {
            Files.move(gzipped, dir.resolve(local), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            // another file system: copied under a temp name, then renamed
            try (InputStream in = Files.newInputStream(gzipped)) {
                store(local, in, false);
            }
        }
    }

    /** The plain manifest of a set in the cache. */
    public Path manifest(BackupSet set) throws IOException {
        Path p = dir.resolve(set.setName().manifest(""));
        if (!Files.isRegularFile(p)) {
            throw new CacheMissingException("The archive dir " + dir + " has no manifest of the " + set
                    + "; sync the archive dir with the target first");
        }
        return p;
    }

    /**
     * The gzipped signature files describing a chain, in order: the full signatures, then the new
     * signatures of each incremental set.
     */
    public List<Path> signatures(BackupChain chain) throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(dir.resolve(chain.fullSet().setName().signatures(".gz")));
        for (BackupSet inc : chain.incrementals()) {
            files.add(dir.resolve(inc.setName().signatures(".gz")));
        }
        for (Path p : files) {
            if (!Files.isRegularFile(p)) {
                throw new CacheMissingException("The archive dir " + dir + " lacks " + p.getFileName() + " of the " + chain
                        + "; sync the archive dir with the target first (is the file missing on the target too?)");
            }
        }
        return files;
    }

    /** Opens a cached file's plaintext: manifests as they are, signature files gunzipped. */
    static InputStream openPlain(Path cachedFile) throws IOException {
        InputStream in = Files.newInputStream(cachedFile);
        return cachedFile.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(in, 65536) : in;
    }

    private static String requireLocal(String remoteName) {
        return localName(remoteName)
                .orElseThrow(() -> new IllegalArgumentException(remoteName + " is not a manifest or signature file"));
    }

    /** Writes under a temp name and renames, so a crash never leaves a truncated file under an archive name. */
    private Path store(String local, InputStream plain) throws IOException {
        return store(local, plain, local.endsWith(".gz"));
    }

    private Path store(String local, InputStream plain, boolean gzip) throws IOException {
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, TEMP_PREFIX, ".tmp");
        try {
            // WRITE only: truncating the empty temp file would make ext4 flush it to disk on close (auto_da_alloc)
            OutputStream file = Files.newOutputStream(temp, StandardOpenOption.WRITE);
            try (OutputStream out = gzip ? new FastGzipOutputStream(file) : file) {
                plain.transferTo(out);
            }
            Path target = dir.resolve(local);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * gzip at level 1 for signatures fetched from the target: a full set's signature tar of many small files is mostly
     * tar headers (~1 KiB per file), and the default level 6 spent seconds on it for a local copy a few percent
     * smaller. (A backup gzips the signatures it writes itself, on the compression threads.)
     */
    private static final class FastGzipOutputStream extends GZIPOutputStream {
        FastGzipOutputStream(OutputStream out) throws IOException {
            super(out, 65536);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }
}
