package camelback.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import camelback.testing.GpgHome;
import camelback.testing.Processes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarFormatTest {
    private static final long T1 = 1609459200L;
    private static final List<String> VOL2_AFTER_BIG = List.of("snapshot/dir/", "multivol_snapshot/dir/medium.txt/1 65536",
            "multivol_snapshot/dir/medium.txt/2 4464", "snapshot/dir/nested/", "snapshot/dir/nested/deep.txt 28",
            "snapshot/dir/run.sh 32", "snapshot/empty-dir/", "snapshot/empty.txt 0", "snapshot/file with space.txt 34",
            "snapshot/hello.txt 14", "snapshot/link -> hello.txt", "snapshot/ünïcödé-名前.txt 40");
    private static final List<String> INC_VOL1 = List.of("snapshot/./", "deleted/big.bin 0", "diff/dir/medium.txt 520",
            "diff/hello.txt 36", "snapshot/new.txt 12");
    private static final List<String> FULL_SIGS = List.of("snapshot/", "signature/README.txt 24", "signature/big.bin 25800",
            "snapshot/dir/", "signature/dir/medium.txt 1656", "snapshot/dir/nested/", "signature/dir/nested/deep.txt 24",
            "signature/dir/run.sh 24", "snapshot/empty-dir/", "signature/empty.txt 12", "signature/file with space.txt 24",
            "signature/hello.txt 24", "snapshot/link -> hello.txt", "signature/ünïcödé-名前.txt 24");

    @TempDir
    Path temp;

    /** "name size" for files, "name" for dirs, "name -> target" for links; checks data lengths match sizes. */
    static List<String> entries(byte[] tar) throws IOException {
        TarReader reader = new TarReader(new ByteArrayInputStream(tar), "test");
        List<String> out = new ArrayList<>();
        TarHeader h;
        while ((h = reader.next()) != null) {
            byte[] data = reader.data().readAllBytes();
            String name = h.nameText();
            switch (h.typeflag()) {
                case '5' -> out.add(name);
                case '2' -> out.add(name + " -> " + new String(h.linkname(), StandardCharsets.UTF_8));
                default -> {
                    assertThat(data).hasSize((int) h.size());
                    out.add(name + " " + h.size());
                }
            }
        }
        return out;
    }

    private static List<String> bigChunks(int from, int to) {
        List<String> out = new ArrayList<>();
        for (int k = from; k <= to; k++) {
            out.add("multivol_snapshot/big.bin/" + k + " " + (k == 17 ? 51424 : 65536));
        }
        return out;
    }

    private static List<String> concat(List<String>... parts) {
        List<String> out = new ArrayList<>();
        for (List<String> p : parts) {
            out.addAll(p);
        }
        return out;
    }

    @Test
    void readsEveryVolumeOfVectorA() throws IOException {
        assertThat(entries(VectorFiles.gunzip(VectorFiles.A_TARGET.resolve(VectorFiles.FULL + ".vol1.difftar.gz"))))
                .isEqualTo(concat(List.of("snapshot/./", "snapshot/README.txt 67"), bigChunks(1, 15)));
        assertThat(entries(VectorFiles.gunzip(VectorFiles.A_TARGET.resolve(VectorFiles.FULL + ".vol2.difftar.gz"))))
                .isEqualTo(concat(bigChunks(16, 17), VOL2_AFTER_BIG));
        assertThat(entries(VectorFiles.gunzip(VectorFiles.A_TARGET.resolve(
                "duplicity-inc.20210101T120000Z.to.20210102T120000Z.vol1.difftar.gz")))).isEqualTo(INC_VOL1);
        assertThat(entries(VectorFiles.gunzip(VectorFiles.A_TARGET.resolve(VectorFiles.FULL_SIGS + ".gz")))).isEqualTo(FULL_SIGS);
    }

    @Test
    void readsDecryptedVolumesOfVectorBWithTrailingJunk() throws Exception {
        try (GpgHome home = GpgHome.withVectorKey(temp)) {
            assertThat(entries(decrypt(home, VectorFiles.B_TARGET.resolve(VectorFiles.FULL + ".vol1.difftar.gpg"))))
                    .isEqualTo(concat(List.of("snapshot/./", "snapshot/README.txt 67"), bigChunks(1, 16)));
            assertThat(entries(decrypt(home, VectorFiles.B_TARGET.resolve(VectorFiles.FULL + ".vol2.difftar.gpg"))))
                    .isEqualTo(concat(bigChunks(17, 17), VOL2_AFTER_BIG));
            assertThat(entries(decrypt(home, VectorFiles.C_TARGET.resolve(
                    "duplicity-inc.20210101T120000Z.to.20210102T120000Z.vol1.difftar.gpg")))).isEqualTo(INC_VOL1);
        }
    }

    private static byte[] decrypt(GpgHome home, Path file) throws IOException {
        try (InputStream in = home.decrypt(Files.newInputStream(file))) {
            return in.readAllBytes();
        }
    }

    private static TarHeader header(String name, byte type, int mode, long size, String link) {
        return new TarHeader(name.getBytes(StandardCharsets.UTF_8), type, mode, 0, 0, size, T1,
                link.getBytes(StandardCharsets.UTF_8), "root", "root", 0, 0);
    }

    @Test
    void writerMatchesTheFirstEntriesOfVectorAVolume1() throws IOException {
        byte[] vol1 = VectorFiles.gunzip(VectorFiles.A_TARGET.resolve(VectorFiles.FULL + ".vol1.difftar.gz"));
        byte[] readme = "This is a tiny deterministic test tree for duplicity format tests.\n".getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TarWriter tar = new TarWriter(out);
        tar.putEntry(header("snapshot/.", TarHeader.DIRECTORY, 0755, 0, ""));
        tar.closeEntry();
        tar.putEntry(header("snapshot/README.txt", TarHeader.REGULAR, 0644, readme.length, ""));
        tar.write(readme, 0, readme.length);
        tar.closeEntry();
        assertThat(tar.written()).isEqualTo(1536);
        assertThat(out.toByteArray()).isEqualTo(Arrays.copyOf(vol1, 1536));
    }

    @Test
    void writerMatchesThePaxAndSymlinkEntriesOfVectorAVolume2() throws IOException {
        byte[] vol2 = VectorFiles.gunzip(VectorFiles.A_TARGET.resolve(VectorFiles.FULL + ".vol2.difftar.gz"));
        int pax = indexOf(vol2, "././@PaxHeader".getBytes(StandardCharsets.US_ASCII));
        int link = indexOf(vol2, "snapshot/link".getBytes(StandardCharsets.US_ASCII));
        byte[] content = "non-ASCII file name: ünïcödé 名前\n".getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TarWriter tar = new TarWriter(out);
        tar.putEntry(header("snapshot/link", (byte) '2', 0777, 0, "hello.txt"));
        tar.closeEntry();
        tar.putEntry(header("snapshot/ünïcödé-名前.txt", TarHeader.REGULAR, 0644, content.length, ""));
        tar.write(content, 0, content.length);
        tar.closeEntry();
        assertThat(pax).isEqualTo(link + 512);
        assertThat(out.toByteArray()).isEqualTo(Arrays.copyOfRange(vol2, link, link + out.size()));
        assertThat(new String(vol2, pax + 512, 40, StandardCharsets.UTF_8)).isEqualTo("40 path=snapshot/ünïcödé-名前.txt\n");
    }

    @Test
    void writerUsesPaxForLongNamesBigIdsAndBinaryNames() throws IOException {
        byte[] binary = {'s', 'n', 'a', 'p', 's', 'h', 'o', 't', '/', 'b', 'a', 'd', (byte) 0xff, (byte) 0xfe, 'n'};
        String longName = "snapshot/" + "x".repeat(120);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TarWriter tar = new TarWriter(out);
        tar.putEntry(new TarHeader(binary, TarHeader.REGULAR, 0644, 3000000, 3000001, 0, T1, new byte[0], "", "", 0, 0));
        tar.closeEntry();
        tar.putEntry(header(longName, TarHeader.REGULAR, 0644, 0, ""));
        tar.closeEntry();
        tar.finish();
        byte[] bytes = out.toByteArray();
        assertThat(bytes.length % 10240).isZero();
        String firstRecords = new String(bytes, 512, 512, StandardCharsets.ISO_8859_1);
        assertThat(firstRecords).startsWith("21 hdrcharset=BINARY\n24 path=snapshot/bad\u00ff\u00fen\n15 uid=3000000\n15 gid=3000001\n");
        assertThat(new String(bytes, 1024, 14, StandardCharsets.US_ASCII)).isEqualTo("snapshot/bad??");

        TarReader reader = new TarReader(new ByteArrayInputStream(bytes), "test");
        TarHeader first = reader.next();
        assertThat(first.name()).isEqualTo(binary);
        assertThat(first.uid()).isEqualTo(3000000);
        assertThat(first.gid()).isEqualTo(3000001);
        assertThat(reader.next().nameText()).isEqualTo(longName);
        assertThat(reader.next()).isNull();
    }

    @Test
    void readerAcceptsGnuLongNamesUstarPrefixAndBase256() throws IOException {
        byte[] gnu = gnuLongNameTar("snapshot/" + "y".repeat(150));
        TarReader reader = new TarReader(new ByteArrayInputStream(gnu), "gnu");
        TarHeader h = reader.next();
        assertThat(h.nameText()).isEqualTo("snapshot/" + "y".repeat(150));
        assertThat(new String(reader.data().readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("abc");
        assertThat(reader.next()).isNull();

        byte[] field = {(byte) 0x80, 0, 0, 0, 0, 0, 0, 0x01, 0x00, 0, 0, 0};
        assertThat(TarReader.number(field, 0, 8)).isEqualTo(1);
        assertThat(TarReader.number("0000644\0".getBytes(StandardCharsets.US_ASCII), 0, 8)).isEqualTo(0644);
    }

    @Test
    void readerRejectsParentReferencesAndMapsRootForms() throws IOException {
        assertThat(EntryName.parse("snapshot/./".getBytes(StandardCharsets.US_ASCII)).orElseThrow().index().isRoot()).isTrue();
        assertThat(EntryName.parse("snapshot/.".getBytes(StandardCharsets.US_ASCII)).orElseThrow().index().isRoot()).isTrue();
        assertThat(EntryName.parse("snapshot/".getBytes(StandardCharsets.US_ASCII)).orElseThrow().index().isRoot()).isTrue();
        EntryName chunk = EntryName.parse("multivol_snapshot/dir/medium.txt/2".getBytes(StandardCharsets.US_ASCII)).orElseThrow();
        assertThat(chunk.index()).isEqualTo(PathIndex.of("dir/medium.txt"));
        assertThat(chunk.chunk()).isEqualTo(2);
        assertThatThrownBy(() -> EntryName.parse("snapshot/../etc/passwd".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(IOException.class).hasMessageContaining("..");
        assertThat(EntryName.parse("other/x".getBytes(StandardCharsets.US_ASCII))).isEmpty();
    }

    /** A GNU tar (via the real tar tool) holding one file with a 159-character name, as a foreign writer would. */
    private byte[] gnuLongNameTar(String name) throws IOException {
        try {
            Path dir = Files.createDirectories(temp.resolve("gnu"));
            Path file = dir.resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, "abc");
            Path tarFile = temp.resolve("gnu.tar");
            Processes.ok(null, "tar", "--format=gnu", "-C", dir.toString(), "-cf", tarFile.toString(), name);
            byte[] bytes = Files.readAllBytes(tarFile);
            assertThat(new String(bytes, 0, 13, StandardCharsets.US_ASCII)).isEqualTo("././@LongLink");
            return bytes;
        } catch (InterruptedException e) {
            throw new IOException(e);
        }
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
