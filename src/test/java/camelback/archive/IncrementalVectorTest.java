package camelback.archive;

import static org.assertj.core.api.Assertions.assertThat;

import camelback.testing.Processes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our incremental of source-v2 on top of vector (a)'s full signatures, compared with duplicity's own incremental. */
class IncrementalVectorTest {
    private static final String INC = "duplicity-inc.20210101T120000Z.to.20210102T120000Z";
    private static final String NEW_SIGS = "duplicity-new-signatures.20210101T120000Z.to.20210102T120000Z.sigtar.gz";

    @TempDir
    static Path shared;
    static Path source;
    static ChainRun run;

    @BeforeAll
    static void backUpSourceV2OnVectorA() throws Exception {
        source = Files.createDirectories(shared.resolve("src"));
        Processes.ok(null, "tar", "-C", source.toString(), "-xpf", VectorFiles.ROOT.resolve("source-v2.tar").toString());
        run = new ChainRun(shared.resolve("target"), shared.resolve("plain"))
                .continuing(List.of(VectorFiles.A_TARGET.resolve(VectorFiles.FULL_SIGS + ".gz")), VectorFiles.T_FULL)
                .incremental(new BackupOptions(source, "/tmp/duptest/src", "duptest-host", 1 << 20, shared.resolve("work")),
                        VectorFiles.T_INC);
    }

    /** Entry name → data bytes, in order. */
    private static Map<String, byte[]> entryData(byte[] tar) throws IOException {
        TarReader reader = new TarReader(new ByteArrayInputStream(tar), "test");
        Map<String, byte[]> out = new LinkedHashMap<>();
        TarHeader h;
        while ((h = reader.next()) != null) {
            out.put(h.nameText(), reader.data().readAllBytes());
        }
        return out;
    }

    @Test
    void setIsNamedFromStartAndEndTime() {
        assertThat(run.lastSet.volume(1, ".gz")).isEqualTo(INC + ".vol1.difftar.gz");
        assertThat(run.lastSet.signatures(".gz")).isEqualTo(NEW_SIGS);
    }

    @Test
    void volumeHoldsTheEntriesAndDeltasOfDuplicitysIncrement() throws IOException {
        assertThat(run.lastVolumes).hasSize(1);
        byte[] vector = VectorFiles.gunzip(VectorFiles.A_TARGET.resolve(INC + ".vol1.difftar.gz"));
        byte[] ours = run.plainVolume(1);
        assertThat(TarFormatTest.entries(ours)).containsExactly("snapshot/./", "deleted/big.bin 0", "diff/dir/medium.txt 520",
                "diff/hello.txt 36", "snapshot/new.txt 12");
        Map<String, byte[]> ourData = entryData(ours);
        Map<String, byte[]> vectorData = entryData(vector);
        assertThat(ourData.keySet()).containsExactlyElementsOf(vectorData.keySet());
        for (String name : vectorData.keySet()) {
            assertThat(ourData.get(name)).as(name).isEqualTo(vectorData.get(name));
        }
        assertThat(ours).as("headers byte-identical (run as root: same owner names)").startsWith(vector);
        assertThat(ours.length % 10240).isZero();
        PlainVolume vol = run.lastVolumes.get(0);
        assertThat(vol.startPath()).isEqualTo(".");
        assertThat(vol.endPath()).isEqualTo("new.txt");
    }

    @Test
    void newSignaturesAreByteIdenticalToDuplicitys() throws IOException {
        assertThat(run.plainSignatures()).isEqualTo(VectorFiles.gunzip(VectorFiles.A_TARGET.resolve(NEW_SIGS)));
    }

    @Test
    void manifestEqualsDuplicitysExceptTheHash() throws IOException {
        String vector = Files.readString(VectorFiles.A_TARGET.resolve(INC + ".manifest"), StandardCharsets.UTF_8);
        String ours = run.manifest();
        assertThat(ours.substring(ours.indexOf("Filelist"))).isEqualTo(vector.substring(vector.indexOf("Filelist")))
                .startsWith("Filelist 4\n    deleted  big.bin\n");
        assertThat(ours.replaceAll("Hash SHA1 [0-9a-f]{40}", "Hash SHA1 X"))
                .isEqualTo(vector.replaceAll("Hash SHA1 [0-9a-f]{40}", "Hash SHA1 X"));
        assertThat(ours).contains("Hash SHA1 " + TreeSnapshotSha1.of(run.target.resolve(INC + ".vol1.difftar.gz")));
    }

    @Test
    void statisticsCountLikeDuplicity() throws IOException {
        long dirs = 0;
        for (String d : List.of(".", "dir", "dir/nested", "empty-dir")) {
            dirs += (Long) Files.getAttribute(source.resolve(d), "size", LinkOption.NOFOLLOW_LINKS);
        }
        long rootSize = (Long) Files.getAttribute(source, "size", LinkOption.NOFOLLOW_LINKS);
        BackupStatistics s = run.lastStats;
        assertThat(s.sourceFiles()).isEqualTo(14);
        // duplicity's 86627 counts 4096 for each of the four directories
        assertThat(s.sourceFileSize()).isEqualTo(86627 - 4 * 4096 + dirs);
        assertThat(s.newFiles()).isEqualTo(2);
        assertThat(s.newFileSize()).isEqualTo(rootSize + 12);
        assertThat(s.deletedFiles()).isEqualTo(1);
        assertThat(s.changedFiles()).isEqualTo(2);
        assertThat(s.changedFileSize()).isEqualTo(70021);
        assertThat(s.changedDeltaSize()).isZero();
        assertThat(s.deltaEntries()).isEqualTo(5);
        assertThat(s.rawDeltaSize()).isEqualTo(568);
        assertThat(s.errors()).isZero();
        assertThat(s.totalDestinationSizeChange()).isEqualTo(Files.size(run.target.resolve(INC + ".vol1.difftar.gz")));
    }

    @Test
    void incrementWithoutChangesIsOneEmptyVolumeAndAnEmptySignatureFile(@TempDir Path temp) throws IOException {
        ChainRun again = new ChainRun(temp.resolve("target"), temp.resolve("plain"))
                .continuing(List.of(VectorFiles.A_TARGET.resolve(VectorFiles.FULL_SIGS + ".gz"),
                        VectorFiles.A_TARGET.resolve(NEW_SIGS)), VectorFiles.T_INC)
                .incremental(new BackupOptions(source, "/tmp/duptest/src", "duptest-host", 1 << 20, temp.resolve("work")),
                        VectorFiles.T_INC + 60);
        assertThat(again.lastVolumes).hasSize(1);
        assertThat(TarFormatTest.entries(again.plainVolume(1))).isEmpty();
        assertThat(again.plainSignatures()).hasSize(10240).containsOnly(0);
        assertThat(again.manifest()).contains("    StartingPath   .  \n    EndingPath     .  \n").endsWith("Filelist 0\n");
        assertThat(again.lastStats.sourceFiles()).isEqualTo(14);
        assertThat(again.lastStats.deltaEntries()).isZero();
    }

    @Test
    void unreadableChangedFileLeavesNoEntryAndCountsAnError(@TempDir Path temp) throws IOException {
        FileOpener failing = path -> {
            if (path.endsWith("hello.txt")) {
                throw new java.nio.file.AccessDeniedException(path.toString());
            }
            return FileOpener.DEFAULT.open(path);
        };
        ChainRun broken = new ChainRun(temp.resolve("target"), temp.resolve("plain"))
                .continuing(List.of(VectorFiles.A_TARGET.resolve(VectorFiles.FULL_SIGS + ".gz")), VectorFiles.T_FULL)
                .incremental(new BackupOptions(source, "/tmp/duptest/src", "duptest-host", 1 << 20, temp.resolve("work")),
                        VectorFiles.T_INC, failing);
        assertThat(TarFormatTest.entries(broken.plainVolume(1))).containsExactly("snapshot/./", "deleted/big.bin 0",
                "diff/dir/medium.txt 520", "snapshot/new.txt 12");
        assertThat(TarFormatTest.entries(broken.plainSignatures())).containsExactly("snapshot/", "deleted/big.bin 0",
                "signature/dir/medium.txt 1656", "signature/new.txt 24");
        assertThat(broken.manifest()).doesNotContain("hello.txt");
        assertThat(broken.lastStats.errors()).isEqualTo(1);
        assertThat(broken.lastStats.sourceFiles()).isEqualTo(13);

        ChainRun next = broken.incremental(new BackupOptions(source, null, null, 1 << 20, temp.resolve("work")),
                VectorFiles.T_INC + 60);
        assertThat(TarFormatTest.entries(next.plainVolume(1))).as("still diffed against the full's signature")
                .containsExactly("diff/hello.txt 36");
    }

    @Test
    void signatureStateOverlaysNewSignaturesOnTheFull() throws IOException {
        List<String> seen = new java.util.ArrayList<>();
        try (SignatureState state = new SignatureState(List.of(VectorFiles.A_TARGET.resolve(VectorFiles.FULL_SIGS + ".gz"),
                VectorFiles.A_TARGET.resolve(NEW_SIGS)))) {
            SignatureState.Entry e;
            while ((e = state.peek()) != null) {
                seen.add(e.index() + " " + e.kind() + " " + e.header().mtime());
                state.advance();
            }
        }
        assertThat(seen).contains(". SNAPSHOT 1609545600", "hello.txt SIGNATURE 1609545600", "new.txt SIGNATURE 1609545600",
                "README.txt SIGNATURE 1609459200", "link SNAPSHOT 1609459200")
                .noneMatch(s -> s.startsWith("big.bin")).hasSize(14);
    }
}
