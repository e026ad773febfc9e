package camelback.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import camelback.testing.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same filelist given to stock duplicity and to camelback selects the same paths: both backups of one tree are
 * listed by duplicity's {@code list-current-files} and must name the same paths. An operator's duply exclude file
 * then means here what it meant there.
 */
class SelectionInteropTest {
    @TempDir
    Path temp;
    private Path src;

    @BeforeEach
    void tree() throws IOException {
        src = Files.createDirectories(temp.resolve("src"));
        for (String file : List.of("keep.txt", "cache/x.bin", "cache/sub/y", "www/cache/z", "logs/app.log",
                "logs/app.log.1", "logs/old/z.log", "logs/old/z.log.1", "notes.TMP", "a/b/keep-me.txt", "a/b/drop.txt",
                "a/c/other.txt", "private/.nobackup", "private/secret.txt", "weird[1].txt", "weird1.txt",
                "sp ace.txt", "plus+dollar$.txt", "x/build/out.o", "y/build", "deep/e/f/wanted.txt",
                "deep/g/h/nothing.txt", "deep/wanted.txt/inside", "Mixed/CASE.log")) {
            Path p = src.resolve(file);
            Files.createDirectories(p.getParent());
            Files.writeString(p, file + "\n");
        }
        Files.createDirectories(src.resolve("empty-dir"));
        Files.createSymbolicLink(src.resolve("link-to-cache"), Path.of("cache"));
    }

    @Test
    void excludeFilelistSelectsWhatDuplicitySelects() throws Exception {
        Path filelist = filelist(
                "# what duply's exclude file holds",
                "+ " + src + "/a/b/keep-me.txt",
                "- " + src + "/a/b",
                "ignorecase:**/*.tmp",
                "- **/cache",
                "",
                src + "/logs/**.1",
                "- **/build/",
                "\"" + src + "/sp ace.txt\"",
                src + "/weird[[]1].txt",
                src + "/plus+dollar$.txt",
                "- " + src + "/[Mm]ixed/*.LOG");

        List<String> listed = assertSameSelection(filelist, "--exclude-if-present", ".nobackup");

        assertThat(listed).contains("a/b/keep-me.txt", "y/build", "logs/app.log", "weird1.txt", "Mixed/CASE.log")
                .doesNotContain("a/b/drop.txt", "notes.TMP", "cache", "www/cache", "logs/app.log.1", "x/build",
                        "sp ace.txt", "weird[1].txt", "plus+dollar$.txt", "private");
    }

    @Test
    void includesWithAFinalExcludeKeepOnlyTheDirectoriesAboveWhatTheyInclude() throws Exception {
        Path filelist = filelist(
                "+ **/wanted.txt",
                "+ " + src + "/logs/",
                "- " + src + "/a/c",
                "+ " + src + "/a/?/*.txt",
                "- **");

        List<String> listed = assertSameSelection(filelist);

        assertThat(listed).contains("deep/e/f/wanted.txt", "deep/wanted.txt/inside", "logs/old/z.log.1", "a/b/drop.txt")
                .doesNotContain("deep/g", "deep/g/h", "keep.txt", "empty-dir", "a/c");
    }

    @Test
    void linesLoseTheWhiteSpacePythonStripsNoBreakSpacesAndNextLineToo() throws Exception {
        Path filelist = filelist(
                "- " + src + "/keep.txt\u00a0",
                "\u0085- " + src + "/notes.TMP",
                "'" + src + "/weird1.txt'\u202f",
                "\u2007" + src + "/cache",
                "- " + src + "/logs\u3000");

        List<String> listed = assertSameSelection(filelist);

        assertThat(listed).doesNotContain("keep.txt", "notes.TMP", "weird1.txt", "cache", "logs");
    }

    @Test
    void aLineThatIsALoneQuoteOrQuotesAroundNothingIsSkipped() throws Exception {
        Path filelist = filelist(
                "+ '",
                "\"",
                "- ''",
                "+ \"\"",
                "- " + src + "/cache");

        List<String> listed = assertSameSelection(filelist);

        assertThat(listed).contains("keep.txt").doesNotContain("cache");
    }

    @Test
    void aGlobDoesNotMatchANameThatOnlyAddsACarriageReturnOrAnotherLineSeparatorToIt() throws Exception {
        for (String name : List.of("cr\r", "nel\u0085", "ls\u2028", "ps\u2029")) {
            Files.writeString(src.resolve(name), name);
        }
        Path filelist = filelist("- " + src + "/cr", "- " + src + "/nel", src + "/ls", src + "/ps");

        List<String> listed = assertSameSelection(filelist);

        assertThat(listed).contains("cr\r", "nel\u0085", "ls\u2028", "ps\u2029");
    }

    @Test
    void aNameEndingInALineBreakMatchesAsPythonsDollarLetsIt() throws Exception {
        // Python's $ also matches before a final line break: "nl" names "nl\n", but not what lies below it.
        Files.writeString(src.resolve("file\n"), "a file");
        Files.createDirectories(src.resolve("dir\n"));
        Files.writeString(src.resolve("dir\n/inside"), "kept: the exclude below matched only its directory");
        Path filelist = filelist(
                "+ " + src + "/dir/x",
                "- " + src + "/dir",
                "- " + src + "/file/",
                "- " + src + "/cache");

        List<String> listed = assertSameSelection(filelist);

        assertThat(listed).contains("file\n", "dir\n", "dir\n/inside");
    }

    @Test
    void ignorecaseMatchesAsPythonsReDoesTheCapitalSharpSAndClassesHoldingADotlessIOrALongS() throws Exception {
        for (String name : List.of("GRO\u1e9e", "Info.txt", "Sub.txt")) {
            Files.writeString(src.resolve(name), name);
        }
        Path filelist = filelist(
                "- ignorecase:" + src + "/*\u00df",
                // [\u0101-\u017e] holds the dotless i, [\u00e0-\u017f] the long s; Python's re takes them for i and s
                "- ignorecase:" + src + "/[\u0101-\u017e]nfo.txt",
                "- ignorecase:" + src + "/[\u00e0-\u017f]ub.txt");

        List<String> listed = assertSameSelection(filelist);

        assertThat(listed).contains("keep.txt").doesNotContain("GRO\u1e9e", "Info.txt", "Sub.txt");
    }

    @Test
    void aFilelistEndingInAnIncludeOrHoldingAGlobOutsideTheSourceIsRefusedByBoth() throws Exception {
        Map<Path, String> refusals = Map.of(
                filelist("- " + src + "/cache", "+ " + src + "/logs"), "only includes",
                filelist("- /elsewhere/cache"), "cannot match anything in the source",
                filelist("- " + src + "/logs", "cache/"), "cannot match anything in the source");
        for (Map.Entry<Path, String> refused : refusals.entrySet()) {
            List<String> options = List.of("--exclude-filelist", refused.getKey().toString());

            Processes.Result duplicity = new SelectedPaths(temp).duplicityFull(src, options, temp.resolve("refused"));

            assertThat(duplicity.exitCode()).as(duplicity.output()).isNotZero();
            assertThat(duplicity.output()).doesNotContain("Traceback");
            assertThatThrownBy(() -> SelectedPaths.camelbackSelection(src, options))
                    .isInstanceOf(SelectionException.class).hasMessageContaining(refused.getValue());
        }
    }

    @Test
    void anIgnorecasePrefixWithADotlessIOrALongSIsNoPrefixAndTheGlobIsRefusedAsByDuplicity() throws Exception {
        // Java's case-insensitive comparison takes \u0131, \u0130 and \u017f for i and s; Python's lower() does not.
        for (String prefix : List.of("\u0131gnorecase:", "\u0130GNORECASE:", "ignoreca\u017fe:")) {
            Path filelist = filelist("- " + prefix + src + "/cache");

            Processes.Result duplicity = new SelectedPaths(temp).duplicityFull(src,
                    List.of("--exclude-filelist", filelist.toString()), temp.resolve("refused"));

            assertThat(duplicity.exitCode()).as(duplicity.output()).isNotZero();
            assertThat(duplicity.output()).contains("cannot match any files in the base directory");
            assertThatThrownBy(() -> Selection.under(src).excludeFilelist(filelist))
                    .isInstanceOf(SelectionException.class).hasMessageContaining("cannot match anything in the source");
        }
    }

    @Test
    void excludeIfPresentCountsAMarkerThatIsADanglingSymbolicLink() throws Exception {
        Files.createDirectories(src.resolve("linked-marker"));
        Files.writeString(src.resolve("linked-marker/data.txt"), "left out with its directory");
        Files.createSymbolicLink(src.resolve("linked-marker/.nobackup"), Path.of("no-such-file"));
        Path filelist = filelist("- " + src + "/cache");

        List<String> listed = assertSameSelection(filelist, "--exclude-if-present", ".nobackup");

        assertThat(listed).contains("keep.txt").doesNotContain("linked-marker", "linked-marker/data.txt", "private");
    }

    @Test
    void aNameThatIsNotUtf8IsMatchedByteForByteAsDuplicityDecodesIt() throws Exception {
        // Python decodes each byte that is not UTF-8 to a character of its own (surrogateescape); Java's decoder
        // makes one U+FFFD of a cut-off sequence, and U+FFFD is a character a glob can name.
        Processes.ok(null, "bash", "-c", """
                cd "$1" && printf 1 > "$(printf 'caf\\351.txt')" && printf 2 > "$(printf 'cut\\342\\202')" &&
                printf 3 > "$(printf 'sur\\355\\240\\200')" && printf 4 > "$(printf 'cut2\\342\\202')"
                """, "make-names", src.toString());
        Path filelist = filelist(
                "- " + src + "/caf\ufffd.txt",
                "- " + src + "/cut??",
                "- " + src + "/sur???",
                "- " + src + "/cut2?");

        List<String> listed = assertSameSelection(filelist);

        assertThat(listed).as("the listing's names, their bytes that are not UTF-8 read as U+FFFD")
                .anyMatch(path -> path.startsWith("caf")).anyMatch(path -> path.startsWith("cut2"))
                .noneMatch(path -> path.startsWith("cut") && !path.startsWith("cut2"))
                .noneMatch(path -> path.startsWith("sur"));
    }

    @Test
    void excludeDeviceFilesLeavesOutWhatDuplicityLeavesOut() throws Exception {
        Assumptions.assumeTrue(SelectionDifferentialTest.isRoot(temp), "making device files takes root");
        Processes.ok(null, "mknod", src.resolve("char-device").toString(), "c", "1", "3");
        Processes.ok(null, "mknod", src.resolve("cache/block-device").toString(), "b", "7", "0");
        Processes.ok(null, "mkfifo", src.resolve("fifo").toString());
        Path filelist = filelist("+ " + src + "/cache/block-device", "- " + src + "/logs");

        List<String> listed = assertSameSelection(filelist, "--exclude-device-files");

        assertThat(listed).contains("fifo", "cache/x.bin").doesNotContain("char-device", "cache/block-device", "logs");
    }

    @Test
    void excludeOtherFilesystemsLeavesOutAMountPointUnlessAnIncludeLeadsIntoIt() throws Exception {
        Path inner = Files.createDirectories(src.resolve("mnt/inner"));
        Path outer = Files.createDirectories(src.resolve("a/mnt"));
        Assumptions.assumeTrue(mount(inner) && mount(outer), "mounting a tmpfs takes root");
        try {
            Files.writeString(inner.resolve("keep"), "kept: an include leads into the mount");
            Files.writeString(inner.resolve("drop"), "left out with the file system");
            Files.writeString(outer.resolve("drop"), "left out with the file system");
            Path filelist = filelist("+ " + src + "/mnt/inner/keep", "- " + src + "/logs");

            List<String> listed = assertSameSelection(filelist, "--exclude-other-filesystems");

            assertThat(listed).contains("mnt", "mnt/inner", "mnt/inner/keep", "a/b")
                    .doesNotContain("mnt/inner/drop", "a/mnt", "a/mnt/drop", "logs");
        } finally {
            Processes.run(null, Map.of(), List.of("umount", inner.toString()));
            Processes.run(null, Map.of(), List.of("umount", outer.toString()));
        }
    }

    @Test
    void regexesSelectWhatDuplicitysPythonSelectsWhereJavasRegexesWouldNot() throws Exception {
        for (String name : List.of("n\u0663.txt", "n3.txt", "e\u0301x", "ex", "STRA\u1e9eE", "x.gz.gz", "x.gz",
                "tail.log\n", "tail.log\r", "v\u000bt", "nl\nx", "\u00e9foo", "-foo-")) {
            Files.writeString(src.resolve(name), name);
        }
        List<String> listed = assertSameSelection(List.of(
                // Python's \d is every decimal digit: the Arabic-Indic three too
                "--exclude-regexp", "/n\\d\\.txt\\Z",
                // Python's \w has no combining marks; Java's Unicode \w has
                "--exclude-regexp", "/e\\w+$",
                "--exclude-regexp", "(?P<ext>\\.[a-z]+)(?P=ext)$",
                "--exclude-regexp", "(?i)stra\u00dfe",
                // $ also before a final \n, but not before \r; \v is the vertical tab alone
                "--exclude-regexp", "\\.log$",
                "--exclude-regexp", "/v\\vt",
                "--exclude-regexp", "/nl.x",
                "--exclude-regexp", "\\bfoo\\b",
                "--include-regexp", "/a/b/keep-me\\.txt$",
                "--include-regexp", "^" + src + "/a(/b)?$",
                "--exclude-regexp", "/a/\\w++/",
                "--exclude-regexp", "/weird[[]"));

        assertThat(listed).contains("x.gz", "tail.log\r", "nl\nx", "\u00e9foo", "a/b/keep-me.txt", "logs")
                .doesNotContain("n\u0663.txt", "n3.txt", "ex", "STRA\u1e9eE", "x.gz.gz", "tail.log\n", "logs/app.log", "v\u000bt",
                        "-foo-", "a/b/drop.txt", "a/c/other.txt", "weird[1].txt")
                // "e\u0301x": Python's \w stops at the combining mark, so the name is taken
                .contains("e\u0301x");
    }

    @Test
    void includeGlobsAnIncludeFilelistAndOlderFilesSelectWhatDuplicitySelects() throws Exception {
        Files.setLastModifiedTime(src.resolve("logs/old/z.log"), java.nio.file.attribute.FileTime.fromMillis(999_999_999_500L));
        Files.setLastModifiedTime(src.resolve("logs/app.log"), java.nio.file.attribute.FileTime.fromMillis(1_000_000_000_500L));
        Files.setLastModifiedTime(src.resolve("logs/old"), java.nio.file.attribute.FileTime.fromMillis(1_000L));
        Path includes = filelist(
                src + "/deep/**/wanted.txt",
                "- " + src + "/logs/old/z.log.1",
                src + "/logs");
        List<String> listed = assertSameSelection(List.of(
                "--exclude-older-than", "1000000000",
                "--include", src + "/a/b/keep-me.txt",
                "--include-filelist", includes.toString(),
                "--include", "ignorecase:" + src + "/mixed",
                "--exclude", "**"));

        assertThat(listed).contains("a/b/keep-me.txt", "deep/e/f/wanted.txt", "logs/app.log", "logs/old", "Mixed/CASE.log")
                .doesNotContain("logs/old/z.log", "logs/old/z.log.1", "keep.txt", "a/b/drop.txt", "cache");
    }

    @Test
    void aRegexPythonRefusesIsRefusedAndOneJavaWouldReadOtherwiseIsRefusedByName() throws Exception {
        for (String regex : List.of("[z-a]", "(?<=a|bc)x", "a(?i)b", "\\p{L}")) {
            List<String> options = List.of("--exclude-regexp", regex);

            Processes.Result duplicity = new SelectedPaths(temp).duplicityFull(src, options, temp.resolve("refused"));

            assertThat(duplicity.exitCode()).as(duplicity.output()).isNotZero();
            assertThat(duplicity.output()).contains("re.error");
            assertThatThrownBy(() -> SelectedPaths.camelbackSelection(src, options))
                    .isInstanceOf(SelectionException.class).hasMessageContaining("is not valid in Python");
        }
        assertThatThrownBy(() -> SelectedPaths.camelbackSelection(src, List.of("--exclude-regexp", "(a)?(?(1)b|c)")))
                .isInstanceOf(SelectionException.class).hasMessageContaining("conditional group");
    }

    /** Backs up {@code src} with both tools and the selection options in their order; returns the paths both list. */
    private List<String> assertSameSelection(List<String> options) throws Exception {
        SelectedPaths both = new SelectedPaths(temp);

        List<String> theirs = both.byDuplicity(src, options, temp.resolve("theirs"));
        List<String> ours = both.byCamelback(src, SelectedPaths.camelbackSelection(src, options), temp.resolve("ours"));

        assertThat(ours).as("paths of our backup, listed by duplicity").containsExactlyElementsOf(theirs);
        return ours;
    }

    private static boolean mount(Path at) throws Exception {
        return Processes.run(null, Map.of(), List.of("mount", "-t", "tmpfs", "camelback-test", at.toString()))
                .exitCode() == 0;
    }

    private Path filelist(String... lines) throws IOException {
        return Files.write(Files.createTempFile(temp, "filelist-", ""), List.of(lines));
    }

    /**
     * Backs up {@code src} with both tools and the same selection: {@code options} before the filelist, but
     * {@code --exclude-other-filesystems} after it, where camelback tries it. Returns the paths both list.
     */
    private List<String> assertSameSelection(Path filelist, String... options) throws Exception {
        List<String> all = new ArrayList<>(List.of(options));
        all.removeAll(List.of("--exclude-other-filesystems"));
        all.addAll(List.of("--exclude-filelist", filelist.toString()));
        if (List.of(options).contains("--exclude-other-filesystems")) {
            all.add("--exclude-other-filesystems");
        }
        SelectedPaths both = new SelectedPaths(temp);

        List<String> theirs = both.byDuplicity(src, all, temp.resolve("theirs"));
        List<String> ours = both.byCamelback(src, SelectedPaths.camelbackSelection(src, all), temp.resolve("ours"));

        assertThat(ours).as("paths of our backup, listed by duplicity").containsExactlyElementsOf(theirs);
        return ours;
    }
}
