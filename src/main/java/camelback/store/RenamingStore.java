package camelback.store;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A store whose files carry other names on the target than its callers use (see {@link StoreNames}); files whose
 * names do not map back are not listed, as if they were not there.
 */
public final class RenamingStore implements Store {
    private final Store inner;
    private final StoreNames names;

    public RenamingStore(Store inner, StoreNames names) {
        this.inner = inner;
        this.names = names;
    }

    @Override
    public String describe() {
        return inner.describe();
    }

    @Override
    public List<String> list() throws StoreException {
        List<String> visible = new ArrayList<>();
        for (String stored : inner.list()) {
            names.visible(stored).ifPresent(visible::add);
        }
        return visible;
    }

    @Override
    public void get(String name, Path destination) throws StoreException {
        inner.get(stored(name), destination);
    }

    @Override
    public Optional<Path> localFile(String name) {
        return inner.localFile(stored(name));
    }

    @Override
    public InputStream open(String name) throws StoreException {
        return inner.open(stored(name));
    }

    @Override
    public void put(String name, Path file) throws StoreException {
        inner.put(stored(name), file);
    }

    @Override
    public void delete(String name) throws StoreException {
        inner.delete(stored(name));
    }

    @Override
    public List<UnfinishedUpload> unfinishedUploads() throws StoreException {
        List<UnfinishedUpload> visible = new ArrayList<>();
        for (UnfinishedUpload upload : inner.unfinishedUploads()) {
            names.visible(upload.name()).ifPresent(name ->
                    visible.add(new UnfinishedUpload(name, upload.uploadId(), upload.initiated())));
        }
        return visible;
    }

    @Override
    public void abort(UnfinishedUpload upload) throws StoreException {
        inner.abort(new UnfinishedUpload(stored(upload.name()), upload.uploadId(), upload.initiated()));
    }

    /** The caller's name is checked before it is mapped: a prefix could turn ".." into a plain name. */
    private String stored(String name) {
        return names.stored(StoreArguments.name(name));
    }

    @Override
    public void close() throws java.io.IOException {
        inner.close();
    }
}
