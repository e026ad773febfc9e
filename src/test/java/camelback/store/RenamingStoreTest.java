package camelback.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A folder whose files carry a prefix on disk passes the same contract, and hides the files without it. */
class RenamingStoreTest extends StoreContract {
    private static final StoreNames PREFIXED = new StoreNames() {
        @Override
        public String stored(String name) {
            return "p-" + name;
        }

        @Override
        public Optional<String> visible(String storedName) {
            return storedName.startsWith("p-") ? Optional.of(storedName.substring(2)) : Optional.empty();
        }
    };

    private Path target() {
        return tmp.resolve("target");
    }

    @Override
    protected Store newStore() {
        return new RenamingStore(new FileStore(target()), PREFIXED);
    }

    @Override
    protected void putInSubFolder(String folder, String name, Path file) throws Exception {
        Path dir = Files.createDirectories(target().resolve(folder));
        Files.copy(file, dir.resolve(PREFIXED.stored(name)), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void filesAreStoredUnderTheirTargetNamesAndOthersAreNotListed() throws Exception {
        store.put("vol1", text("one"));
        Files.writeString(target().resolve("someone-elses-vol1"), "other");

        assertThat(target().resolve("p-vol1")).hasContent("one");
        assertThat(store.list()).containsExactly("vol1");
        assertThat(store.localFile("vol1")).contains(target().resolve("p-vol1"));
        store.delete("vol1");
        assertThat(target().resolve("someone-elses-vol1")).exists();
        assertThat(store.list()).isEmpty();
    }
}
