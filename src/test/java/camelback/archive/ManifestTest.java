package camelback.archive;

import static org.assertj.core.api.Assertions.assertThat;

import camelback.testing.GpgHome;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestTest {
    private static final String FULL_MANIFEST = VectorFiles.FULL + ".manifest";
    private static final String INC_MANIFEST = "duplicity-inc.20210101T120000Z.to.20210102T120000Z.manifest";

    @TempDir
    Path temp;

    private static Manifest parse(byte[] bytes) throws IOException {
        return ManifestParser.parse(new ByteArrayInputStream(bytes), "test manifest");
    }

    @Test
    void readsVectorAFullManifest() throws IOException {
        Manifest m = parse(Files.readAllBytes(VectorFiles.A_TARGET.resolve(FULL_MANIFEST)));
        assertThat(m.hostname()).isEqualTo("duptest-host");
        assertThat(m.localdir()).isEqualTo("/tmp/duptest/src");
        assertThat(m.volumes()).containsExactly(
                new ManifestVolume(1, PathIndex.ROOT, null, PathIndex.of("big.bin"), 15, "SHA1",
                        "567ca2961196067b4770fde2ccf4bc9ce2fca36f"),
                new ManifestVolume(2, PathIndex.of("big.bin"), 16, PathIndex.of("ünïcödé-名前.txt"), null, "SHA1",
                        "9055b52e07ad2711867ce73ac4f79faf1c2681a8"));
    }

    @Test
    void readsVectorAIncrementalManifest() throws IOException {
        Manifest m = parse(Files.readAllBytes(VectorFiles.A_TARGET.resolve(INC_MANIFEST)));
        assertThat(m.volumes()).containsExactly(new ManifestVolume(1, PathIndex.ROOT, null, PathIndex.of("new.txt"), null,
                "SHA1", "d1b24c9aa40206ede0ad4f86d05ea3758e3fe484"));
    }

    @Test
    void readsEncryptedManifestsOfVectorsBAndC() throws Exception {
        try (GpgHome home = GpgHome.withVectorKey(temp)) {
            Manifest b = decrypted(home, VectorFiles.B_TARGET.resolve(FULL_MANIFEST + ".gpg"));
            assertThat(b.volumes()).extracting(ManifestVolume::hash)
                    .containsExactly("7fcf6f06acb6409f651c8d610bae25d061fb32d9", "898a91418ab017feebbd4f19b8ab05dad4b7c303");
            assertThat(b.volumes().get(0).endBlock()).isEqualTo(16);
            assertThat(b.volumes().get(1).startIndex()).isEqualTo(PathIndex.of("big.bin"));
            assertThat(b.volumes().get(1).startBlock()).isNull();
            Manifest c = decrypted(home, VectorFiles.C_TARGET.resolve(FULL_MANIFEST + ".gpg"));
            assertThat(c.volumes()).extracting(ManifestVolume::hash)
                    .containsExactly("96be35383d06abab8221841a39b56dc329872c92", "a0184770cf2067dc1f4cc3cf1e6b0f9e4f36c99d");
            Manifest cInc = decrypted(home, VectorFiles.C_TARGET.resolve(INC_MANIFEST + ".gpg"));
            assertThat(cInc.volumes()).extracting(ManifestVolume::hash).containsExactly("7cfadf5d1cedc08325c00eabee1ce5cb6cafe0cc");
        }
    }

    private static Manifest decrypted(GpgHome home, Path file) throws IOException {
        try (InputStream in = home.decrypt(Files.newInputStream(file))) {
            return ManifestParser.parse(in, file.getFileName().toString());
        }
    }

    @Test
    void writerReproducesVectorAFullManifestByteForByte() throws IOException {
        byte[] original = Files.readAllBytes(VectorFiles.A_TARGET.resolve(FULL_MANIFEST));
        Manifest m = parse(original);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (FilelistSpool filelist = new FilelistSpool(temp.resolve("filelist"))) {
            for (String p : List.of("README.txt", "big.bin", "dir/medium.txt", "dir/nested/deep.txt", "dir/run.sh", "empty.txt",
                    "file with space.txt", "hello.txt", "ünïcödé-名前.txt")) {
                filelist.add("new", PathIndex.of(p));
            }
            ManifestWriter.write(out, m.hostname(), m.localdir(), m.volumes(), filelist);
        }
        assertThat(new String(out.toByteArray(), StandardCharsets.UTF_8)).isEqualTo(new String(original, StandardCharsets.UTF_8));
        assertThat(out.toByteArray()).isEqualTo(original);
    }

    /**
     * The parser reads its input in blocks: lines that cross a block's end, a line longer than a block, a Filelist of
     * 30,000 paths (a full set lists every file) and a last line without a newline all read as lines.
     */
    @Test
    void readsRecordsAroundALongFilelistWhateverTheLinesLengths() throws IOException {
        String longName = "d/".repeat(40_000) + "f";
        StringBuilder text = new StringBuilder("Hostname host\r\nLocaldir /src\n\n"
                + "Volume 1:\n    StartingPath   .  \n    EndingPath     " + longName + " 7\n    Hash SHA1 aa\n"
                + "Filelist 30000\n");
        for (int i = 0; i < 30_000; i++) {
            text.append("    new      dir").append(i % 7).append("/file").append(i).append('\n');
        }
        text.append("Volume 2:\n    StartingPath   ").append(longName).append(" 8\n    EndingPath     z\n    Hash SHA1 BB");
        Manifest m = parse(text.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(m.hostname()).isEqualTo("host");
        assertThat(m.localdir()).isEqualTo("/src");
        assertThat(m.volumes()).containsExactly(
                new ManifestVolume(1, PathIndex.ROOT, null, PathIndex.of(longName), 7, "SHA1", "aa"),
                new ManifestVolume(2, PathIndex.of(longName), 8, PathIndex.of("z"), null, "SHA1", "bb"));
    }

    @Test
    void parserAcceptsFilelistFirstAndDropsRecordsAfterARestart() throws IOException {
        String text = "Filelist 1\n    new      a\n"
                + "Volume 1:\n    StartingPath   .  \n    EndingPath     a  \n    Hash SHA1 aa\n"
                + "Volume 2:\n    StartingPath   b  \n    EndingPath     c  \n    Hash SHA1 bb\n"
                + "Volume 3:\n    StartingPath   d  \n    EndingPath     e  \n    Hash SHA1 cc\n"
                + "volume 2:\n    startingpath   \"b\\x20x\" 3\n    endingpath     z  \n    hash sha1 DD\n";
        Manifest m = parse(text.getBytes(StandardCharsets.UTF_8));
        assertThat(m.hostname()).isNull();
        assertThat(m.volumes()).containsExactly(
                new ManifestVolume(1, PathIndex.ROOT, null, PathIndex.of("a"), null, "SHA1", "aa"),
                new ManifestVolume(2, PathIndex.of("b x"), 3, PathIndex.of("z"), null, "SHA1", "dd"));
    }
}
