package camelback.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** list-current-files and collection-status on vector (a) and on damaged copies of it. */
class ListAndStatusTest {
    private static final String INC = "20210101T120000Z.to.20210102T120000Z";
    private static final List<String> V1 = List.of(".", "README.txt", "big.bin", "dir", "dir/medium.txt", "dir/nested",
            "dir/nested/deep.txt", "dir/run.sh", "empty-dir", "empty.txt", "file with space.txt", "hello.txt", "link",
            "ünïcödé-名前.txt");

    @TempDir
    Path temp;

    private List<ListedPath> list(Path target, long time) throws IOException {
        List<ListedPath> out = new ArrayList<>();
        new Lister(new FolderArchiveSource(target, temp)).list(time, out::add);
        return out;
    }

    @Test
    void listsVectorAAtTheFullBackupTime() throws IOException {
        List<ListedPath> listed = list(VectorFiles.A_TARGET, VectorFiles.T_FULL);
        assertThat(listed).extracting(ListedPath::path).containsExactlyElementsOf(V1);
        assertThat(listed).filteredOn(p -> p.path().equals("link")).singleElement()
                .extracting(ListedPath::type).isEqualTo(FileType.SYMLINK);
        assertThat(listed).filteredOn(p -> p.path().equals("hello.txt")).singleElement()
                .extracting(ListedPath::mtime).isEqualTo(1609459200L);
    }

    @Test
    void listsVectorALatestWithTheIncrementOverlaid() throws IOException {
        List<ListedPath> listed = list(VectorFiles.A_TARGET, Long.MAX_VALUE);
        List<String> expected = new ArrayList<>(V1);
        expected.remove("big.bin");
        expected.add(expected.indexOf("link") + 1, "new.txt");
        assertThat(listed).extracting(ListedPath::path).containsExactlyElementsOf(expected);
        assertThat(listed).filteredOn(p -> p.path().equals("hello.txt")).singleElement()
                .extracting(ListedPath::mtime).isEqualTo(1609545600L);
        assertThat(listed.get(0).type()).isEqualTo(FileType.DIRECTORY);
    }

    @Test
    void statusOfVectorAMatchesDuplicitysLayout() throws IOException {
        Collection collection = Collection.of(new FolderArchiveSource(VectorFiles.A_TARGET, temp).names());
        StatusReport report = StatusReport.of(collection);
        assertThat(report.primaryChain()).isPresent();
        assertThat(report.primaryChain().get().sets()).containsExactly(new StatusReport.SetStatus(true, VectorFiles.T_FULL, 2),
                new StatusReport.SetStatus(false, VectorFiles.T_INC, 1));
        assertThat(report.render(ZoneOffset.UTC)).isEqualTo("""
                Last full backup date: Fri Jan  1 12:00:00 2021
                Collection Status
                -----------------

                Found 0 secondary backup chains.

                Found primary backup chain with matching signature chain:
                -------------------------
                Chain start time: Fri Jan  1 12:00:00 2021
                Chain end time: Sat Jan  2 12:00:00 2021
                Number of contained backup sets: 2
                Total number of contained volumes: 3
                 Type of backup set:                            Time:      Num volumes:
                                Full         Fri Jan  1 12:00:00 2021                 2
                         Incremental         Sat Jan  2 12:00:00 2021                 1
                -------------------------
                No orphaned or incomplete backup sets found.
                """);
    }

    @Test
    void statusShowsAnIncompleteSetAndAnOrphanedSignatureFile() throws IOException {
        Path target = copyOfVectorA();
        Files.delete(target.resolve("duplicity-inc." + INC + ".manifest"));
        String orphan = "duplicity-new-signatures.20210105T120000Z.to.20210106T120000Z.sigtar.gz";
        Files.copy(target.resolve("duplicity-new-signatures." + INC + ".sigtar.gz"), target.resolve(orphan));
        Collection collection = Collection.of(new FolderArchiveSource(target, temp).names());
        assertThat(collection.activeChain()).as("signatures end after the last complete set").isEmpty();
        StatusReport report = StatusReport.of(collection);
        assertThat(report.primaryChain()).isEmpty();
        assertThat(report.incompleteSets()).singleElement().extracting(BackupSet::endTime).isEqualTo(VectorFiles.T_INC);
        assertThat(report.orphanedSignatures()).containsExactly(orphan);
        String text = report.render(ZoneOffset.UTC);
        assertThat(text).contains("Found 1 secondary backup chain.\nSecondary chain 1 of 1:\n",
                "No backup chains with active signatures found\n", "Also found 0 backup sets not part of any chain,\n"
                        + "and 1 incomplete backup set.\n", orphan);
    }

    @Test
    void statusShowsAnOrphanedIncrementalSet() throws IOException {
        Path target = copyOfVectorA();
        for (String name : VectorRestoreTest.names(target)) {
            if (name.startsWith("duplicity-inc.")) {
                Files.move(target.resolve(name), target.resolve(name.replace("20210101T120000Z.to", "20210101T130000Z.to")));
            }
        }
        Collection collection = Collection.of(new FolderArchiveSource(target, temp).names());
        StatusReport report = StatusReport.of(collection);
        assertThat(report.orphanedSets()).singleElement().extracting(BackupSet::startTime).isEqualTo(VectorFiles.T_FULL + 3600);
        assertThat(report.render(ZoneOffset.UTC)).contains("Also found 1 backup set not part of any chain,\nand 0 incomplete");
    }

    @Test
    void missingLastNewSignaturesDiscardsTheLastIncrementForTheNextBackup() throws IOException {
        Path target = copyOfVectorA();
        Files.delete(target.resolve("duplicity-new-signatures." + INC + ".sigtar.gz"));
        Collection collection = Collection.of(new FolderArchiveSource(target, temp).names(), List.of());
        BackupChain active = collection.activeChain().orElseThrow();
        assertThat(active.incrementals()).isEmpty();
        assertThat(collection.discardedSet()).get().extracting(BackupSet::endTime).isEqualTo(VectorFiles.T_INC);
        assertThat(collection.activeSignatureChain().orElseThrow().endTime()).isEqualTo(VectorFiles.T_FULL);
    }

    @Test
    void localSignatureChainIsPreferred() throws IOException {
        Path target = copyOfVectorA();
        ArchiveDir dir = new ArchiveDir(temp.resolve("cache"));
        FolderArchiveSource source = new FolderArchiveSource(target, temp);
        dir.sync(source);
        Collection collection = Collection.of(source.names(), dir.names());
        assertThat(collection.localSignatureChains()).hasSize(1);
        assertThat(collection.activeSignatureChain().orElseThrow().local()).isTrue();
        assertThat(Collection.of(source.names(), List.of()).activeSignatureChain().orElseThrow().local()).isFalse();
    }

    private Path copyOfVectorA() throws IOException {
        Path target = Files.createDirectories(temp.resolve("target"));
        for (String name : VectorRestoreTest.names(VectorFiles.A_TARGET)) {
            Files.copy(VectorFiles.A_TARGET.resolve(name), target.resolve(name));
        }
        return target;
    }
}
