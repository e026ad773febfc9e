package camelback.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import camelback.store.StoreException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every {@link Store} implementation must have. A subclass says how to make a fresh, empty
 * target and how to put a file into a sub-folder of it behind the store's back.
 */
public abstract class StoreContract {

    private static final long LARGE_FILE_SIZE = 50L * 1000 * 1000;

    @TempDir
    protected Path tmp;

    protected Store store;

    /** A store on a new, empty target (which need not exist yet). */
    protected abstract Store newStore() throws Exception;

    /** Writes {@code file} as {@code folder/name} below the target, without going through the store. */
    protected abstract void putInSubFolder(String folder, String name, Path file) throws Exception;

    @BeforeEach
    void openStore() throws Exception {
        store = newStore();
    }

    @AfterEach
    void closeStore() throws IOException {
        store.close();
    }

    @Test
    void newTargetListsNothing() throws Exception {
        assertThat(store.list()).isEmpty();
    }

    @Test
    void storedFileIsListedAndReadBack() throws Exception {
        store.put("duplicity-full.20240102T030405Z.vol1.difftar.gpg", text("volume one"));
        store.put("duplicity-full.20240102T030405Z.manifest.gpg", text("manifest"));

        assertThat(store.list()).containsExactlyInAnyOrder(
                "duplicity-full.20240102T030405Z.vol1.difftar.gpg", "duplicity-full.20240102T030405Z.manifest.gpg");
        Path copy = tmp.resolve("copy");
        store.get("duplicity-full.20240102T030405Z.vol1.difftar.gpg", copy);
        assertThat(copy).hasContent("volume one");
        try (InputStream in = store.open("duplicity-full.20240102T030405Z.manifest.gpg")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("manifest");
        }
    }

    @Test
    void putReplacesAnExistingFile() throws Exception {
        store.put("f", text("first version, the longer one"));
        store.put("f", text("second"));

        assertThat(store.list()).containsExactly("f");
        Path copy = tmp.resolve("copy");
        store.get("f", copy);
        assertThat(copy).hasContent("second");
    }

    @Test
    void getReplacesAnExistingDestination() throws Exception {
        store.put("f", text("new"));
        Path destination = Files.writeString(tmp.resolve("dest"), "old content that is longer");

        store.get("f", destination);

        assertThat(destination).hasContent("new");
    }

    @Test
    void getCreatesTheDestinationFolder() throws Exception {
        store.put("f", text("content"));
        Path destination = tmp.resolve("new/folder/f");

        store.get("f", destination);

        assertThat(destination).hasContent("content");
    }

    @Test
    void getOfMissingFileIsNotFoundAndLeavesDestinationAlone() throws Exception {
        Path destination = Files.writeString(tmp.resolve("dest"), "keep me");

        assertThatThrownBy(() -> store.get("no-such-file.gpg", destination))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND))
                .hasMessageContaining("no-such-file.gpg");
        assertThat(destination).hasContent("keep me");
        assertThat(tmp).isDirectoryNotContaining(p -> !p.getFileName().toString().equals("dest"));
    }

    @Test
    void openOfMissingFileIsNotFound() {
        assertThatThrownBy(() -> store.open("no-such-file.gpg").close())
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND))
                .hasMessageContaining("no-such-file.gpg");
    }

    @Test
    void deleteRemovesTheFileAndIgnoresMissingOnes() throws Exception {
        store.put("a", text("a"));
        store.put("b", text("b"));

        store.delete("a");
        store.delete("never-there");

        assertThat(store.list()).containsExactly("b");
        assertThatThrownBy(() -> store.get("a", tmp.resolve("a")))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
    }

    @Test
    void namesWithSpacesPlusPercentAndNonAsciiSurvive() throws Exception {
        List<String> names = List.of("with space.txt", "plus+sign.txt", "percent%20sign.txt", "ünïcödé 日本語.txt",
                "semi;colon&amp=eq.txt");
        for (String name : names) {
            store.put(name, text("content of " + name));
        }

        assertThat(store.list()).containsExactlyInAnyOrderElementsOf(names);
        for (String name : names) {
            Path copy = tmp.resolve("copy");
            store.get(name, copy);
            assertThat(copy).hasContent("content of " + name);
        }
    }

    @Test
    void emptyFileRoundTrips() throws Exception {
        store.put("empty", Files.createFile(tmp.resolve("empty-source")));

        assertThat(store.list()).containsExactly("empty");
        Path copy = tmp.resolve("copy");
        store.get("empty", copy);
        assertThat(copy).isEmptyFile();
        try (InputStream in = store.open("empty")) {
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void fiftyMegabyteFileIsStreamedBothWays() throws Exception {
        Path source = tmp.resolve("large");
        String written = writeRandom(source, LARGE_FILE_SIZE);

        store.put("large.difftar.gpg", source);
        Path copy = tmp.resolve("large-copy");
        store.get("large.difftar.gpg", copy);

        assertThat(copy).hasSize(LARGE_FILE_SIZE);
        assertThat(sha256(Files.newInputStream(copy))).isEqualTo(written);
        assertThat(sha256(store.open("large.difftar.gpg"))).isEqualTo(written);
    }

    @Test
    void openedStreamCanBeClosedBeforeTheEnd() throws Exception {
        Path source = tmp.resolve("medium");
        writeRandom(source, 3L * 1024 * 1024);
        store.put("medium", source);

        try (InputStream in = store.open("medium")) {
            assertThat(in.readNBytes(10)).hasSize(10);
        }

        assertThat(store.list()).containsExactly("medium");
    }

    @Test
    void listIgnoresFilesInSubFolders() throws Exception {
        putInSubFolder("sub", "inner.txt", text("inner"));
        store.put("top.txt", text("top"));

        assertThat(store.list()).containsExactly("top.txt");
    }

    @Test
    void listShowsManyFiles() throws Exception {
        Path content = text("x");
        for (int i = 0; i < 12; i++) {
            store.put("file-" + i, content);
        }

        assertThat(store.list()).hasSize(12).contains("file-0", "file-11");
    }

    @Test
    void concurrentPutsOfDifferentNamesAllArrive() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> puts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String name = "parallel-" + i;
                Path content = text(name);
                puts.add(pool.submit(() -> {
                    store.put(name, content);
                    return null;
                }));
            }
            for (Future<?> put : puts) {
                put.get(1, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(store.list()).hasSize(8);
        Path copy = tmp.resolve("copy");
        store.get("parallel-5", copy);
        assertThat(copy).hasContent("parallel-5");
    }

    @Test
    void namesThatArePathsAreRejected() {
        Path content = text("x");
        for (String name : List.of("../escape", "sub/file", "..", ".", "")) {
            assertThatThrownBy(() -> store.put(name, content)).as(name)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void putOfMissingLocalFileFailsNamingIt() {
        Path missing = tmp.resolve("missing-source");

        assertThatThrownBy(() -> store.put("f", missing))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(missing.toString());
    }

    /** A new file in the temp folder holding {@code content}. */
    protected Path text(String content) {
        try {
            return Files.writeString(Files.createTempFile(tmp, "content-", ".txt"), content);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Writes {@code size} reproducible pseudo-random bytes in blocks; returns their SHA-256. */
    protected static String writeRandom(Path file, long size) throws IOException {
        MessageDigest digest = sha256();
        Random random = new Random(size);
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; left -= block.length) {
                random.nextBytes(block);
                int n = (int) Math.min(block.length, left);
                out.write(block, 0, n);
                digest.update(block, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Reads the stream to its end in blocks and closes it; returns the SHA-256 of what it held. */
    protected static String sha256(InputStream stream) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream in = new DigestInputStream(stream, digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
