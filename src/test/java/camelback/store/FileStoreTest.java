package camelback.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import camelback.store.StoreException.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class FileStoreTest extends StoreContract {

    private Path target() {
        return tmp.resolve("target");
    }

    @Override
    protected Store newStore() {
        return new FileStore(target());
    }

    @Override
    protected void putInSubFolder(String folder, String name, Path file) throws Exception {
        Path dir = Files.createDirectories(target().resolve(folder));
        Files.copy(file, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void describesItselfAsFileUrl() {
        assertThat(store.describe()).isEqualTo("file://" + target());
    }

    @Test
    void firstPutCreatesTheMissingFolder() throws Exception {
        assertThat(target()).doesNotExist();

        store.put("f", text("x"));

        assertThat(target().resolve("f")).hasContent("x");
    }

    @Test
    void putLeavesNoTemporaryFileBehind() throws Exception {
        store.put("f", text("x"));
        store.put("f", text("y"));

        try (Stream<Path> files = Files.list(target())) {
            assertThat(files).containsExactly(target().resolve("f"));
        }
    }

    @Test
    void offersStoredFilesForReadingInPlace() throws Exception {
        store.put("vol1", text("volume"));

        assertThat(store.localFile("vol1")).hasValue(target().resolve("vol1"));
        assertThat(store.localFile("missing")).isEmpty();
        assertThat(new RetryingStore(store, 2, java.time.Duration.ofMillis(1)).localFile("vol1"))
                .hasValue(target().resolve("vol1"));
    }

    @Test
    void listHidesUnfinishedUploads() throws Exception {
        store.put("done", text("x"));
        Files.writeString(target().resolve(".camelback-123456.tmp"), "half an upload");

        assertThat(store.list()).containsExactly("done");
    }

    @Test
    void putOntoAFolderThatCannotExistIsNotWritable() throws Exception {
        Path blocker = Files.writeString(tmp.resolve("a-file"), "not a folder");
        Path impossible = blocker.resolve("backups");

        try (Store onFile = new FileStore(impossible)) {
            assertThatThrownBy(() -> onFile.put("f", text("x")))
                    .isInstanceOfSatisfying(StoreException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.NOT_WRITABLE))
                    .hasMessageContaining(impossible.toString())
                    .hasMessageContaining("writable folder");
        }
    }

    @Test
    void listOfATargetThatIsAFileIsNotFound() throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "not a folder");

        try (Store onFile = new FileStore(file)) {
            assertThatThrownBy(onFile::list)
                    .isInstanceOfSatisfying(StoreException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND))
                    .hasMessageContaining(file.toString());
        }
    }

    @Test
    void relativeFolderIsMadeAbsolute() {
        assertThat(new FileStore(Path.of("relative/dir")).describe())
                .isEqualTo("file://" + Path.of("relative/dir").toAbsolutePath());
    }
}
