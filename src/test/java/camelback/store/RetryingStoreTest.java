package camelback.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import camelback.store.StoreException.Reason;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetryingStoreTest {

    private static final Duration BACKOFF = Duration.ofMillis(1);

    @TempDir
    Path tmp;

    private FileStore target() {
        return new FileStore(tmp.resolve("target"));
    }

    private Path file(String content) throws Exception {
        return Files.writeString(Files.createTempFile(tmp, "src", ".txt"), content);
    }

    @Test
    void putSucceedsAfterUnreachableTries() throws Exception {
        FaultyStore faulty = new FaultyStore(target(), 2, Reason.UNREACHABLE);

        try (Store store = new RetryingStore(faulty, 3, BACKOFF)) {
            store.put("volume", file("data"));

            assertThat(store.list()).containsExactly("volume");
        }
        assertThat(faulty.calls()).isEqualTo(4);
        assertThat(tmp.resolve("target/volume")).hasContent("data");
    }

    @Test
    void everyOperationIsRetried() throws Exception {
        target().put("f", file("content"));
        try (Store store = new RetryingStore(new FaultyStore(target(), 1, Reason.FAILED), 2, BACKOFF)) {
            assertThat(store.list()).containsExactly("f");
        }
        try (Store store = new RetryingStore(new FaultyStore(target(), 1, Reason.FAILED), 2, BACKOFF)) {
            store.get("f", tmp.resolve("copy"));
            assertThat(tmp.resolve("copy")).hasContent("content");
        }
        try (Store store = new RetryingStore(new FaultyStore(target(), 1, Reason.FAILED), 2, BACKOFF);
             InputStream in = store.open("f")) {
            assertThat(in.readAllBytes()).asString().isEqualTo("content");
        }
        try (Store store = new RetryingStore(new FaultyStore(target(), 1, Reason.FAILED), 2, BACKOFF)) {
            store.delete("f");
        }
        assertThat(target().list()).isEmpty();
    }

    @Test
    void givesUpAfterAttemptsWithTheLastError() throws Exception {
        FaultyStore faulty = new FaultyStore(target(), 10, Reason.UNREACHABLE);

        try (Store store = new RetryingStore(faulty, 3, BACKOFF)) {
            Path source = file("data");
            assertThatThrownBy(() -> store.put("volume", source))
                    .isInstanceOfSatisfying(StoreException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.UNREACHABLE))
                    .hasMessageContaining("call 3");
        }
        assertThat(faulty.calls()).isEqualTo(3);
        assertThat(target().list()).isEmpty();
    }

    @Test
    void missingFileIsNotRetried() throws Exception {
        FaultyStore counting = new FaultyStore(target(), 0, Reason.UNREACHABLE);

        try (Store store = new RetryingStore(counting, 5, BACKOFF)) {
            assertThatThrownBy(() -> store.get("absent", tmp.resolve("copy")))
                    .isInstanceOfSatisfying(StoreException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
        }
        assertThat(counting.calls()).isEqualTo(1);
    }

    @Test
    void deniedAndNotWritableAreNotRetried() throws Exception {
        for (Reason reason : new Reason[] {Reason.DENIED, Reason.NOT_WRITABLE}) {
            FaultyStore faulty = new FaultyStore(target(), 1, reason);
            try (Store store = new RetryingStore(faulty, 5, BACKOFF)) {
                assertThatThrownBy(store::list).isInstanceOfSatisfying(StoreException.class,
                        e -> assertThat(e.reason()).isEqualTo(reason));
            }
            assertThat(faulty.calls()).as(reason.name()).isEqualTo(1);
        }
    }

    @Test
    void describesTheWrappedStore() throws Exception {
        try (Store store = new RetryingStore(target(), 2, BACKOFF)) {
            assertThat(store.describe()).isEqualTo(target().describe());
        }
    }

    @Test
    void refusesFewerThanOneAttempt() {
        assertThatThrownBy(() -> new RetryingStore(target(), 0, BACKOFF))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
