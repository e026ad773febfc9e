package camelback.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollectionTest {
    private static final String INC = "duplicity-inc.20210101T120000Z.to.20210102T120000Z";
    private static final String FULL2 = "duplicity-full.20210201T000000Z";

    @TempDir
    Path temp;

    private static List<String> vectorA() throws IOException {
        return new FolderArchiveSource(VectorFiles.A_TARGET, Path.of("/tmp")).names();
    }

    @Test
    void buildsOneChainFromVectorA() throws IOException {
        Collection c = Collection.of(vectorA());
        assertThat(c.chains()).hasSize(1);
        BackupChain chain = c.chains().get(0);
        assertThat(chain.startTime()).isEqualTo(VectorFiles.T_FULL);
        assertThat(chain.endTime()).isEqualTo(VectorFiles.T_INC);
        assertThat(chain.fullSet().volumes()).containsOnlyKeys(1, 2);
        assertThat(chain.incrementals()).singleElement().extracting(BackupSet::manifest).isEqualTo(INC + ".manifest");
        assertThat(chain.setsUpTo(VectorFiles.T_FULL)).hasSize(1);
        assertThat(chain.setsUpTo(VectorFiles.T_INC)).hasSize(2);
        assertThat(chain.signaturesUpTo(VectorFiles.T_FULL)).containsExactly(VectorFiles.FULL_SIGS + ".gz");
        assertThat(chain.signaturesUpTo(Long.MAX_VALUE)).hasSize(2);
        assertThat(c.orphans()).isEmpty();
        assertThat(c.incompleteSets()).isEmpty();
    }

    @Test
    void picksTheChainForATime() throws IOException {
        List<String> names = new ArrayList<>(vectorA());
        names.add(FULL2 + ".vol1.difftar.gz");
        names.add(FULL2 + ".manifest");
        Collection c = Collection.of(names);
        assertThat(c.chains()).hasSize(2);
        long feb = c.chains().get(1).startTime();
        assertThat(c.chainFor(0)).isSameAs(c.chains().get(0));
        assertThat(c.chainFor(VectorFiles.T_INC + 10)).isSameAs(c.chains().get(0));
        assertThat(c.chainFor(feb)).isSameAs(c.chains().get(1));
        assertThat(c.chainFor(Long.MAX_VALUE)).isSameAs(c.chains().get(1));
        assertThat(Collection.of(List.of()).chainFor(1)).isNull();
    }

    @Test
    void reportsIncompleteSetsAndOrphans() throws IOException {
        List<String> names = new ArrayList<>(vectorA());
        names.remove(INC + ".manifest");
        names.add(FULL2 + ".vol1.difftar.gz");
        names.add("duplicity-inc.20210301T000000Z.to.20210302T000000Z.vol1.difftar.gz");
        names.add("duplicity-inc.20210301T000000Z.to.20210302T000000Z.manifest");
        names.add("unrelated.txt");
        Collection c = Collection.of(names);
        assertThat(c.chains()).singleElement().extracting(BackupChain::endTime).isEqualTo(VectorFiles.T_FULL);
        assertThat(c.incompleteSets()).hasSize(2);
        assertThat(c.orphans()).containsExactlyInAnyOrder("duplicity-inc.20210301T000000Z.to.20210302T000000Z.manifest",
                "duplicity-inc.20210301T000000Z.to.20210302T000000Z.vol1.difftar.gz");
        assertThat(c.chains().get(0).signaturesUpTo(Long.MAX_VALUE)).containsExactly(VectorFiles.FULL_SIGS + ".gz");
    }

    @Test
    void listerListsVectorAAtTheFullTime() throws IOException {
        List<ListedPath> listed = new ArrayList<>();
        new Lister(new FolderArchiveSource(VectorFiles.A_TARGET, temp)).list(VectorFiles.T_FULL, listed::add);
        assertThat(listed).extracting(ListedPath::path).containsExactly(".", "README.txt", "big.bin", "dir", "dir/medium.txt",
                "dir/nested", "dir/nested/deep.txt", "dir/run.sh", "empty-dir", "empty.txt", "file with space.txt", "hello.txt",
                "link", "ünïcödé-名前.txt");
        assertThat(listed.get(0)).isEqualTo(new ListedPath(PathIndex.ROOT, FileType.DIRECTORY, 1609459200L));
        assertThat(listed).filteredOn(p -> p.path().equals("link")).singleElement().extracting(ListedPath::type)
                .isEqualTo(FileType.SYMLINK);
    }

    @Test
    void listerOverlaysNewSignaturesForTheLatestState() throws IOException {
        List<ListedPath> listed = new ArrayList<>();
        new Lister(new FolderArchiveSource(VectorFiles.A_TARGET, temp)).list(Long.MAX_VALUE, listed::add);
        assertThat(listed).extracting(ListedPath::path).doesNotContain("big.bin").contains("new.txt").hasSize(14);
        assertThat(listed).filteredOn(p -> p.path().equals("hello.txt")).singleElement().extracting(ListedPath::mtime)
                .isEqualTo(1609545600L);
    }
}
