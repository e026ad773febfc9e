package camelback.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A target seen through its local archive dir: manifests and signature files are read from the
 * cache (downloaded into it on a miss), volumes come from the target.
 */
public final class CachingArchiveSource implements ArchiveSource {
    private final ArchiveSource remote;
    private final ArchiveDir cache;

    public CachingArchiveSource(ArchiveSource remote, ArchiveDir cache) {
        this.remote = remote;
        this.cache = cache;
    }

    @Override
    public List<String> names() throws IOException {
        return remote.names();
    }

    @Override
    public Optional<Path> inPlace(String name) {
        return remote.inPlace(name);
    }

    @Override
    public Path scratch() {
        return remote.scratch();
    }

    @Override
    public Path fetch(String name) throws IOException {
        return remote.fetch(name);
    }

    @Override
    public InputStream decode(String name, InputStream stored) throws IOException {
        return remote.decode(name, stored);
    }

    @Override
    public InputStream openPlain(String name) throws IOException {
        if (ArchiveDir.localName(name).isEmpty()) {
            return remote.openPlain(name);
        }
        Optional<Path> cached = cache.cached(name);
        Path local = cached.isPresent() ? cached.get() : cache.download(remote, name);
        return ArchiveDir.openPlain(local);
    }
}
