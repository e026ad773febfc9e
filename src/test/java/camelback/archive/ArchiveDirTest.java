package camelback.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import camelback.testing.GpgHome;
import camelback.testing.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local archive dir: sync with a target, the caching source, and restore/list with and without it. */
class ArchiveDirTest {
    private static final Path VECTOR_CACHE = VectorFiles.ROOT.resolve("a-noenc/archive-dir/vector-a");
    private static final String INC = "20210101T120000Z.to.20210102T120000Z";

    @TempDir
    Path temp;

    @Test
    void syncFromAnEmptyCacheMatchesDuplicitysCacheLayout() throws IOException {
        ArchiveDir dir = new ArchiveDir(temp.resolve("cache"));
        dir.sync(new FolderArchiveSource(VectorFiles.A_TARGET, temp));
        assertThat(dir.names()).containsExactlyInAnyOrderElementsOf(VectorRestoreTest.names(VECTOR_CACHE));
        for (String name : dir.names()) {
            Path ours = dir.dir().resolve(name);
            Path theirs = VECTOR_CACHE.resolve(name);
            if (name.endsWith(".gz")) {
                assertThat(VectorFiles.gunzip(ours)).as(name).isEqualTo(VectorFiles.gunzip(theirs));
            } else {
                assertThat(ours).as(name).hasSameBinaryContentAs(theirs);
            }
        }
    }

    @Test
    void syncDecryptsEncryptedMetadataIntoTheSameLayout() throws Exception {
        GpgHome home = new GpgHome(temp);
        ArchiveDir dir = new ArchiveDir(temp.resolve("cache"));
        dir.sync(new FolderArchiveSource(VectorFiles.B_TARGET, temp, home));
        assertThat(dir.names()).containsExactlyInAnyOrderElementsOf(VectorRestoreTest.names(VECTOR_CACHE));
        String sigs = "duplicity-new-signatures." + INC + ".sigtar.gz";
        assertThat(VectorFiles.gunzip(dir.dir().resolve(sigs))).isEqualTo(VectorFiles.gunzip(VECTOR_CACHE.resolve(sigs)));
        assertThat(Files.readString(dir.dir().resolve("duplicity-inc." + INC + ".manifest"))).contains("EndingPath     new.txt");
    }

    @Test
    void syncDeletesStaleMetadataAndKeepsOtherFiles() throws IOException {
        Path target = copyOfVectorA();
        ArchiveDir dir = new ArchiveDir(temp.resolve("cache"));
        FolderArchiveSource source = new FolderArchiveSource(target, temp);
        dir.sync(source);
        Files.writeString(dir.dir().resolve("lockfile"), "");
        Files.writeString(dir.dir().resolve("duplicity-full.20200101T000000Z.manifest.part"), "x");
        Files.createDirectories(dir.dir().resolve("work"));
        Files.delete(target.resolve("duplicity-inc." + INC + ".manifest"));
        Files.delete(target.resolve("duplicity-new-signatures." + INC + ".sigtar.gz"));
        dir.sync(source);
        assertThat(dir.names()).containsExactlyInAnyOrder("lockfile", "duplicity-full.20200101T000000Z.manifest.part",
                "duplicity-full.20210101T120000Z.manifest", "duplicity-full-signatures.20210101T120000Z.sigtar.gz");
        assertThat(dir.dir().resolve("work")).isDirectory();
    }

    @Test
    void secondSyncDownloadsNothing() throws IOException {
        ArchiveDir dir = new ArchiveDir(temp.resolve("cache"));
        dir.sync(new FolderArchiveSource(VectorFiles.A_TARGET, temp));
        FolderArchiveSource counting = new FolderArchiveSource(VectorFiles.A_TARGET, temp);
        dir.sync(counting);
        for (String n : counting.names()) {
            assertThat(counting.fetchCount(n)).as(n).isZero();
        }
    }

    @Test
    void cachingSourceServesMetadataFromTheCacheAndVolumesFromTheTarget() throws IOException {
        ArchiveDir dir = new ArchiveDir(temp.resolve("cache"));
        dir.sync(new FolderArchiveSource(VectorFiles.A_TARGET, temp));
        FolderArchiveSource remote = new FolderArchiveSource(VectorFiles.A_TARGET, temp);
        Path dest = temp.resolve("out");
        new Restorer(new CachingArchiveSource(remote, dir)).restore(new RestoreOptions(dest, Long.MAX_VALUE, null, false, false));
        assertThat(Files.readString(dest.resolve("new.txt"))).isEqualTo("added in v2\n");
        assertThat(remote.fetchCount("duplicity-full.20210101T120000Z.manifest")).isZero();
        assertThat(remote.fetchCount("duplicity-inc." + INC + ".manifest")).isZero();
        assertThat(remote.volumeFetches()).isEqualTo(3);

        List<ListedPath> listed = new ArrayList<>();
        new Lister(new CachingArchiveSource(remote, dir)).list(Long.MAX_VALUE, listed::add);
        assertThat(listed).extracting(ListedPath::path).contains("new.txt").doesNotContain("big.bin");
        assertThat(remote.fetchCount("duplicity-full-signatures.20210101T120000Z.sigtar.gz")).isZero();
    }

    @Test
    void restoreAndListWorkWithADeletedCache() throws IOException {
        ArchiveDir dir = new ArchiveDir(temp.resolve("cache"));
        FolderArchiveSource remote = new FolderArchiveSource(VectorFiles.A_TARGET, temp);
        dir.sync(remote);
        deleteTree(dir.dir());
        CachingArchiveSource caching = new CachingArchiveSource(remote, dir);
        Path dest = temp.resolve("out");
        new Restorer(caching).restore(new RestoreOptions(dest, VectorFiles.T_FULL, PathIndex.of("dir"), false, false));
        assertThat(Files.readString(dest.resolve("nested/deep.txt"))).isEqualTo("a file two directories deep\n");
        List<ListedPath> listed = new ArrayList<>();
        new Lister(caching).list(VectorFiles.T_FULL, listed::add);
        assertThat(listed).extracting(ListedPath::path).contains("big.bin");
        assertThat(dir.names()).as("misses are filled in").contains("duplicity-full.20210101T120000Z.manifest",
                "duplicity-full-signatures.20210101T120000Z.sigtar.gz");
    }

    @Test
    void signaturesAndManifestOfTheActiveChain() throws IOException {
        ArchiveDir dir = new ArchiveDir(temp.resolve("cache"));
        FolderArchiveSource remote = new FolderArchiveSource(VectorFiles.A_TARGET, temp);
        dir.sync(remote);
        Collection collection = Collection.of(remote.names(), dir.names());
        BackupChain chain = collection.activeChain().orElseThrow();
        assertThat(collection.activeSignatureChain().orElseThrow().local()).isTrue();
        assertThat(dir.signatures(chain)).extracting(p -> p.getFileName().toString()).containsExactly(
                "duplicity-full-signatures.20210101T120000Z.sigtar.gz", "duplicity-new-signatures." + INC + ".sigtar.gz");
        assertThat(dir.manifest(chain.incrementals().get(0))).hasSameBinaryContentAs(
                VectorFiles.A_TARGET.resolve("duplicity-inc." + INC + ".manifest"));
        deleteTree(dir.dir());
        assertThatThrownBy(() -> dir.signatures(chain)).isInstanceOf(CacheMissingException.class)
                .hasMessageContaining("duplicity-full-signatures.20210101T120000Z.sigtar.gz");
    }

    @Test
    void putStoresManifestsPlainAndSignaturesGzipped() throws IOException {
        ArchiveDir dir = new ArchiveDir(temp.resolve("cache"));
        Path manifest = Files.writeString(temp.resolve("m"), "Volume 1:\n");
        Path sigtar = Files.write(temp.resolve("s"), new byte[10240]);
        dir.putManifest("duplicity-full.20220101T000000Z.manifest.gpg", manifest);
        Path gzipped = temp.resolve("work-signatures.gz");
        VectorFiles.gzip(sigtar, gzipped);
        dir.putGzippedSignatures("duplicity-full-signatures.20220101T000000Z.sigtar.gpg", gzipped);
        assertThat(dir.dir().resolve("duplicity-full.20220101T000000Z.manifest")).hasContent("Volume 1:");
        assertThat(VectorFiles.gunzip(dir.dir().resolve("duplicity-full-signatures.20220101T000000Z.sigtar.gz")))
                .isEqualTo(new byte[10240]);
        assertThat(gzipped).doesNotExist();
    }

    @Test
    void stockDuplicityContinuesTheChainFromOurCache() throws Exception {
        Path target = copyOfVectorA();
        Path archive = temp.resolve("archive");
        ArchiveDir dir = new ArchiveDir(archive.resolve("vector-a"));
        dir.sync(new FolderArchiveSource(target, temp));
        Path src = VectorRestoreTest.extract("source-v2.tar", temp.resolve("src"));
        Files.writeString(src.resolve("later.txt"), "written after v2\n");
        // duplicity compares its cached manifest with the remote one before an incremental (spec 4.4)
        Processes.ok(java.util.Map.of("HOME", temp.toString()), "duplicity", "incremental", "--no-encryption",
                "--allow-source-mismatch", "--archive-dir", archive.toString(), "--name", "vector-a", src.toString(),
                "file://" + target);
        Collection collection = Collection.of(new FolderArchiveSource(target, temp).names(), dir.names());
        assertThat(collection.activeChain().orElseThrow().incrementals()).hasSize(2);
        Path out = temp.resolve("out");
        new Restorer(new CachingArchiveSource(new FolderArchiveSource(target, temp), dir))
                .restore(new RestoreOptions(out, Long.MAX_VALUE, PathIndex.of("later.txt"), false, false));
        assertThat(out).hasContent("written after v2");
    }

    private Path copyOfVectorA() throws IOException {
        Path target = Files.createDirectories(temp.resolve("target"));
        for (String name : VectorRestoreTest.names(VectorFiles.A_TARGET)) {
            Files.copy(VectorFiles.A_TARGET.resolve(name), target.resolve(name));
        }
        return target;
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

}
