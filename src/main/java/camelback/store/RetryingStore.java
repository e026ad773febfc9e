package camelback.store;

import camelback.store.StoreException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries a store's operations that failed in a way that may pass (unreachable, failed), with exponential
 * backoff; a missing file, denied access or a read-only target fail at once. Every operation is idempotent.
 */
public final class RetryingStore implements Store {

    private static final Logger LOG = LoggerFactory.getLogger(RetryingStore.class);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

    private final Store delegate;
    private final int attempts;
    private final Duration firstBackoff;

    /**
     * @param attempts     tries per operation, at least 1
     * @param firstBackoff wait before the second try; doubled before each further one (at most a minute)
     */
    public RetryingStore(Store delegate, int attempts, Duration firstBackoff) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
        }
        if (firstBackoff.isNegative()) {
            throw new IllegalArgumentException("backoff must not be negative, got " + firstBackoff);
        }
        this.delegate = delegate;
        this.attempts = attempts;
        this.firstBackoff = firstBackoff;
    }

    @Override
    public String describe() {
        return delegate.describe();
    }

    @Override
    public List<String> list() throws StoreException {
        return retry("list", null, delegate::list);
    }

    @Override
    public Optional<Path> localFile(String name) {
        return delegate.localFile(name);
    }

    @Override
    public void get(String name, Path destination) throws StoreException {
        retry("get", name, () -> {
            delegate.get(name, destination);
            return null;
        });
    }

    /** Retries opening the stream; a failure while reading it is the caller's to handle. */
    @Override
    public InputStream open(String name) throws StoreException {
        return retry("open", name, () -> delegate.open(name));
    }

    @Override
    public void put(String name, Path file) throws StoreException {
        retry("put", name, () -> {
            delegate.put(name, file);
            return null;
        });
    }

    @Override
    public void delete(String name) throws StoreException {
        retry("delete", name, () -> {
            delegate.delete(name);
            return null;
        });
    }

    @Override
    public List<UnfinishedUpload> unfinishedUploads() throws StoreException {
        return retry("list unfinished uploads", null, delegate::unfinishedUploads);
    }

    @Override
    public void abort(UnfinishedUpload upload) throws StoreException {
        retry("abort upload of", upload.name(), () -> {
            delegate.abort(upload);
            return null;
        });
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }

    private <T> T retry(String operation, String name, Operation<T> call) throws StoreException {
        Duration backoff = firstBackoff;
        for (int attempt = 1; ; attempt++) {
            try {
                return call.run();
            } catch (StoreException e) {
                if (attempt >= attempts || !mayPass(e.reason())) {
                    throw e;
                }
                LOG.warn("{} on {} failed (attempt {} of {}), retrying in {} ms: {}",
                        name == null ? operation : operation + " " + name, delegate.describe(), attempt, attempts,
                        backoff.toMillis(), e.getMessage());
                try {
                    Thread.sleep(backoff.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    private static boolean mayPass(Reason reason) {
        return reason == Reason.UNREACHABLE || reason == Reason.FAILED;
    }

    @FunctionalInterface
    private interface Operation<T> {
        T run() throws StoreException;
    }
}
