package camelback.store;

import camelback.store.StoreException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A store that fails its first {@code failures} calls (of any operation) with the given reason, then passes
 * calls to a real store; counts every call. For testing retries and failure handling above the store.
 */
public final class FaultyStore implements Store {

    private final Store delegate;
    private final Reason reason;
    private final AtomicInteger failuresLeft;
    private final AtomicInteger calls = new AtomicInteger();

    public FaultyStore(Store delegate, int failures, Reason reason) {
        this.delegate = delegate;
        this.reason = reason;
        this.failuresLeft = new AtomicInteger(failures);
    }

    /** Calls made so far, failed ones included. */
    public int calls() {
        return calls.get();
    }

    @Override
    public String describe() {
        return delegate.describe();
    }

    @Override
    public List<String> list() throws StoreException {
        maybeFail("list");
        return delegate.list();
    }

    @Override
    public void get(String name, Path destination) throws StoreException {
        maybeFail("get " + name);
        delegate.get(name, destination);
    }

    @Override
    public InputStream open(String name) throws StoreException {
        maybeFail("open " + name);
        return delegate.open(name);
    }

    @Override
    public void put(String name, Path file) throws StoreException {
        maybeFail("put " + name);
        delegate.put(name, file);
    }

    @Override
    public void delete(String name) throws StoreException {
        maybeFail("delete " + name);
        delegate.delete(name);
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }

    private void maybeFail(String operation) throws StoreException {
        int call = calls.incrementAndGet();
        if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new StoreException(reason, "injected failure of call " + call + " (" + operation + ") on "
                    + describe());
        }
    }
}
