package camelback.archive;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restores a tree, or one path, as of a time (spec 8.4, 10.7, 11.3): picks the chain, reads the
 * manifest, fetches only the volumes that can hold the path, checks their SHA-1, writes the tree.
 */
public final class Restorer {
    private static final Logger LOG = LoggerFactory.getLogger(Restorer.class);
    private static final int MAX_ERRORS_KEPT = 100;

    private final ArchiveSource source;

    public Restorer(ArchiveSource source) {
        this.source = source;
    }

    public RestoreResult restore(RestoreOptions options) throws IOException {
        checkDestination(options);
        Collection collection = Collection.of(source.names());
        BackupChain chain = collection.chainFor(options.time());
        if (chain == null) {
            throw new NoBackupFoundException("No complete backup set found on the target (no manifest of a full set)");
        }
        List<BackupSet> sets = chain.setsUpTo(options.time());
        if (sets.size() > 1) {
            throw new IOException("Restoring incremental sets is not supported yet (" + chain + ")");
        }
        BackupSet set = sets.get(0);
        PathIndex path = PathIndex.of(options.path());
        Manifest manifest = readManifest(set);
        List<ManifestVolume> needed = manifest.volumes().stream().filter(v -> path.isRoot() || v.mayContain(path)).toList();
        if (needed.isEmpty()) {
            throw new PathNotFoundException(options.path() + " is not in the backup of " + BackupTime.format(set.endTime()));
        }
        List<String> errors = new ArrayList<>();
        TreeWriter writer = new TreeWriter(options.destination(), path, runningAsRoot());
        boolean found = false;
        try (SetEntryReader reader = new SetEntryReader(needed, v -> openVolume(set, v, options, errors))) {
            ArchiveEntry entry;
            while ((entry = reader.next()) != null) {
                if (!entry.index().startsWith(path)) {
                    if (entry.index().compareTo(path) > 0) {
                        break;
                    }
                    continue;
                }
                found = true;
                if (entry.kind() != EntryName.Kind.SNAPSHOT) {
                    throw new IOException("unexpected " + entry.kind() + " entry for " + entry.index() + " in a full set");
                }
                try {
                    writer.write(entry);
                } catch (VolumeReadException | VolumeHashMismatchException e) {
                    throw e;
                } catch (IOException e) {
                    LOG.warn("Error restoring {}: {}", entry.index(), e.toString());
                    addError(errors, entry.index() + ": " + e.getMessage());
                }
            }
            writer.finish();
        }
        if (!found) {
            throw new PathNotFoundException(options.path() + " is not in the backup of " + BackupTime.format(set.endTime()));
        }
        return new RestoreResult(writer.files(), writer.bytes(), List.copyOf(errors));
    }

    private static void checkDestination(RestoreOptions options) throws IOException {
        Path dest = options.destination();
        if (options.force() || !Files.exists(dest, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Files.isDirectory(dest, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> entries = Files.list(dest)) {
                if (entries.findAny().isEmpty()) {
                    return;
                }
            }
        }
        throw new DestinationNotEmptyException("Restore destination " + dest
                + " already exists and is not empty; will not overwrite (use force, or an empty or new destination)");
    }

    private Manifest readManifest(BackupSet set) throws IOException {
        String name = set.manifest();
        Path stored = source.fetch(name);
        try (InputStream in = source.decode(name, Files.newInputStream(stored))) {
            return ManifestParser.parse(in, name);
        } finally {
            Files.deleteIfExists(stored);
        }
    }

    /** Fetches, checks and decodes one volume; null skips it (bad hash with ignoreErrors). */
    private InputStream openVolume(BackupSet set, ManifestVolume volume, RestoreOptions options, List<String> errors)
            throws IOException {
        String name = set.volumes().get(volume.number());
        if (name == null) {
            throw new IOException("Volume " + volume.number() + " of the " + set + " is listed in its manifest but missing"
                    + " on the target");
        }
        Path stored = source.fetch(name);
        boolean handedOver = false;
        try {
            String actual = sha1(stored);
            if (volume.hash() == null || !"SHA1".equals(volume.hashType())) {
                LOG.warn("{}: the manifest has no SHA1 hash for volume {}; not verified", set.manifest(), volume.number());
            } else if (!volume.hash().equals(actual)) {
                String message = "Volume " + name + " is damaged: its SHA-1 is " + actual + " but the manifest says "
                        + volume.hash();
                if (!options.ignoreErrors()) {
                    throw new VolumeHashMismatchException(message);
                }
                LOG.warn("{}; skipping it", message);
                addError(errors, message);
                return null;
            }
            InputStream decoded = source.decode(name, Files.newInputStream(stored));
            handedOver = true;
            return new FilterInputStream(decoded) {
                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        Files.deleteIfExists(stored);
                    }
                }
            };
        } finally {
            if (!handedOver) {
                Files.deleteIfExists(stored);
            }
        }
    }

    private static String sha1(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-1", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void addError(List<String> errors, String error) {
        if (errors.size() < MAX_ERRORS_KEPT) {
            errors.add(error);
        }
    }

    private static boolean runningAsRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
