package camelback.job;

import camelback.archive.ArchiveSource;
import camelback.archive.BackupChain;
import camelback.archive.BackupSet;
import camelback.archive.Collection;
import camelback.archive.Manifest;
import camelback.archive.ManifestParser;
import camelback.archive.ManifestVolume;
import camelback.archive.ScratchFullException;
import camelback.archive.TarReader;
import camelback.store.StoreException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * duplicity's verify without the data comparison: every volume of the chain for a time is
 * downloaded, its hash checked against the manifest, decrypted (integrity included) and parsed
 * to its end. Problems of the backup are collected, not thrown, so one run names them all; a target that fails to
 * deliver a file ends the run with its error.
 */
public final class ChainVerifier {
    private final ArchiveSource source;

    public ChainVerifier(ArchiveSource source) {
        this.source = source;
    }

    public record Result(int sets, int volumes, long bytes, List<String> problems) {
        public boolean sound() {
            return problems.isEmpty();
        }
    }

    public Result verify(long time) throws IOException {
        List<String> names = source.names();
        BackupChain chain = Collection.of(names).chainFor(time);
        if (chain == null) {
            throw new camelback.archive.NoBackupFoundException("no complete backup set on the target");
        }
        List<String> problems = new ArrayList<>();
        int volumes = 0;
        long bytes = 0;
        List<BackupSet> sets = chain.setsUpTo(time);
        for (BackupSet set : sets) {
            Manifest manifest = readManifest(set);
            for (ManifestVolume record : manifest.volumes()) {
                String name = set.volumes().get(record.number());
                if (name == null) {
                    problems.add(set.manifest() + " lists volume " + record.number() + " but the target has no such file");
                    continue;
                }
                volumes++;
                try {
                    bytes += check(name, record);
                } catch (StoreException e) {
                    // The target failed to deliver the file (after its retries): that says nothing about the backup,
                    // and reporting it as a damaged volume would send the operator to make a new full for nothing.
                    if (e.reason() != StoreException.Reason.NOT_FOUND) {
                        throw e;
                    }
                    problems.add(name + ": " + e.getMessage());
                } catch (ScratchFullException e) {
                    // this machine's disk, not the volume: every later volume would be listed the same way
                    throw e;
                } catch (IOException e) {
                    problems.add(name + ": " + e.getMessage());
                }
            }
        }
        return new Result(sets.size(), volumes, bytes, problems);
    }

    private Manifest readManifest(BackupSet set) throws IOException {
        Path stored = source.fetch(set.manifest());
        try (InputStream in = source.decode(set.manifest(), Files.newInputStream(stored))) {
            return ManifestParser.parse(in, set.manifest());
        } finally {
            Files.deleteIfExists(stored);
        }
    }

    /** Returns the plaintext size; throws with a readable reason when anything is off. */
    private long check(String name, ManifestVolume record) throws IOException {
        ArchiveSource.StoredFile storedFile = source.stored(name);
        Path stored = storedFile.file();
        try {
            if (record.hash() != null) {
                String actual = camelback.archive.FileHash.of(stored, record.hashType());
                if (!actual.equalsIgnoreCase(record.hash())) {
                    throw new IOException(record.hashType() + " is " + actual + ", the manifest says " + record.hash()
                            + ": the file was changed or damaged after it was written");
                }
            }
            long plain = 0;
            try (InputStream in = source.decode(name, Files.newInputStream(stored))) {
                TarReader tar = new TarReader(in, name);
                byte[] buf = new byte[1 << 16];
                while (tar.next() != null) {
                    InputStream data = tar.data();
                    for (int n; (n = data.read(buf)) > 0; ) {
                        plain += n;
                    }
                }
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            return plain;
        } finally {
            storedFile.release();
        }
    }
}
