package camelback.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a selection refuses, and what it does to a chain, a restore and a comparison with the source. */
class SelectionTest {
    private static final long T0 = 1_600_000_000L;

    @TempDir
    Path temp;
    private Path src;

    @BeforeEach
    void tree() throws IOException {
        src = Files.createDirectories(temp.resolve("src"));
        for (String file : List.of("keep.txt", "cache/a.bin", "cache/b.bin", "docs/readme.txt")) {
            Path p = src.resolve(file);
            Files.createDirectories(p.getParent());
            Files.writeString(p, file + "\n");
        }
        try (Stream<Path> paths = Files.walk(src)) {
            for (Path p : paths.toList()) {
                Files.setLastModifiedTime(p, FileTime.from(Instant.ofEpochSecond(T0)));
            }
        }
    }

    @Test
    void refusesAGlobThatCannotMatchAnythingInTheSource() {
        assertThatThrownBy(() -> Selection.under(src).exclude("cache"))
                .isInstanceOf(SelectionException.class)
                .hasMessageContaining("cannot match anything in the source " + src)
                .hasMessageContaining("start with the source's absolute path or with **");
        assertThatThrownBy(() -> Selection.under(src).exclude("/elsewhere/cache"))
                .isInstanceOf(SelectionException.class);
    }

    @Test
    void refusesConsecutiveSlashes() {
        assertThatThrownBy(() -> Selection.under(src).exclude(src + "//cache"))
                .isInstanceOf(SelectionException.class).hasMessageContaining("consecutive slashes");
    }

    @Test
    void refusesAClassWhoseRangeRunsBackwards() {
        // duplicity stops with a Python traceback ("bad character range z-a") on it
        assertThatThrownBy(() -> Selection.under(src).exclude(src + "/[z-a]"))
                .isInstanceOf(SelectionException.class)
                .hasMessageContaining("the glob " + src + "/[z-a] is not a valid glob");
    }

    @Test
    void refusesASelectionWhoseLastRuleOnlyIncludes() {
        assertThatThrownBy(() -> Selection.under(src).exclude("**/cache").include(src + "/docs").build())
                .isInstanceOf(SelectionException.class)
                .hasMessageContaining("include " + src + "/docs")
                .hasMessageContaining("only includes");
    }

    @Test
    void namesTheFilelistLineOfABadGlob() throws IOException {
        Path filelist = Files.write(temp.resolve("exclude"), List.of("# comment", "- **/cache", "relative/path"));

        assertThatThrownBy(() -> Selection.under(src).excludeFilelist(filelist))
                .isInstanceOf(SelectionException.class)
                .hasMessageStartingWith(filelist + " line 3: the glob relative/path cannot match anything");
    }

    @Test
    void namesAFilelistThatCannotBeRead() {
        Path missing = temp.resolve("no-such-filelist");

        assertThatThrownBy(() -> Selection.under(src).excludeFilelist(missing))
                .isInstanceOf(SelectionException.class)
                .hasMessage("the filelist " + missing + " does not exist");
    }

    @Test
    void anIncrementalAfterAnExcludeWasAddedRecordsTheExcludedPathsAsDeleted() throws IOException {
        ChainRun chain = new ChainRun(temp.resolve("target"), temp.resolve("plain"))
                .full(options(Selection.everything()), T0 + 100);

        chain.incremental(options(Selection.under(src).exclude("**/cache").build()), T0 + 200);

        assertThat(chain.lastStats.deletedFiles()).as("cache, cache/a.bin, cache/b.bin").isEqualTo(3);
        Path out = temp.resolve("restored");
        new Restorer(new FolderArchiveSource(chain.target, temp))
                .restore(new RestoreOptions(out, Long.MAX_VALUE, null, false, false));
        assertThat(out.resolve("cache")).doesNotExist();
        assertThat(out.resolve("docs/readme.txt")).hasContent("docs/readme.txt");
        assertThat(out.resolve("keep.txt")).exists();
    }

    @Test
    void comparingWithTheSourceLeavesOutWhatTheSelectionLeftOut() throws IOException {
        Selection selection = Selection.under(src).exclude(src + "/cache").build();
        ChainRun chain = new ChainRun(temp.resolve("target"), temp.resolve("plain")).full(options(selection), T0 + 100);
        Path scratch = Files.createDirectories(temp.resolve("scratch"));
        Restorer restorer = new Restorer(new FolderArchiveSource(chain.target, temp));

        ComparisonResult same = restorer.compare(src, selection, Long.MAX_VALUE, scratch);
        ComparisonResult whole = restorer.compare(src, Selection.everything(), Long.MAX_VALUE, scratch);

        assertThat(same.differenceCount()).isZero();
        assertThat(same.files()).isEqualTo(4);
        assertThat(whole.differences()).containsExactly("cache: in the source but not in the backup",
                "cache/a.bin: in the source but not in the backup", "cache/b.bin: in the source but not in the backup");
    }

    @Test
    void leavesOutMountPointsBelowTheSourceWhenAsked() throws IOException {
        Path dev = Path.of("/dev");
        Assumptions.assumeFalse(Files.getAttribute(dev, "unix:dev").equals(Files.getAttribute(dev.resolve("shm"), "unix:dev")),
                "/dev/shm is a file system of its own here");
        Selection selection = Selection.under(dev).excludeOtherFilesystems().build();

        assertThat(selection.decide(metadata(dev.resolve("shm")))).isEqualTo(Selection.Verdict.EXCLUDE);
        assertThat(selection.decide(metadata(dev.resolve("null")))).isEqualTo(Selection.Verdict.INCLUDE);
    }

    @Test
    void leavesOutDeviceFilesWhenAsked() throws IOException {
        Selection selection = Selection.under(Path.of("/dev")).excludeDeviceFiles().build();

        assertThat(selection.decide(metadata(Path.of("/dev/null")))).isEqualTo(Selection.Verdict.EXCLUDE);
        assertThat(selection.decide(metadata(Path.of("/dev/shm")))).isEqualTo(Selection.Verdict.INCLUDE);
    }

    private static FileMetadata metadata(Path path) throws IOException {
        return new MetadataReader().read(path, PathIndex.ROOT.child(PathBytes.fileName(path))).orElseThrow();
    }

    private BackupOptions options(Selection selection) {
        return new BackupOptions(src, null, null, 1 << 20, temp.resolve("work"), selection);
    }
}
