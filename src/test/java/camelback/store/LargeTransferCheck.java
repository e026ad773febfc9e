package camelback.store;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Round-trips a file much larger than the heap it runs in through a store; run in a child JVM with a small
 * {@code -Xmx} by {@link BoundedHeapTest}. Exits 0 when the copy matches.
 */
public final class LargeTransferCheck {

    private LargeTransferCheck() {
    }

    public static void main(String[] args) throws Exception {
        String kind = args[0];
        long size = Long.parseLong(args[1]);
        Path dir = Path.of(args[2]);
        Path source = dir.resolve("source");
        String written = StoreContract.writeRandom(source, size);
        if (kind.equals("file")) {
            try (Store store = new FileStore(dir.resolve("target"))) {
                check(store, source, written, dir);
            }
        } else {
            try (S3ProxyServer server = new S3ProxyServer().start()) {
                server.createBucket("bounded-heap");
                try (Store store = Stores.open(TargetUrl.s3("bounded-heap", "p"), server.settings())) {
                    check(store, source, written, dir);
                }
            }
        }
        System.out.println("round trip of " + size + " bytes matched");
    }

    private static void check(Store store, Path source, String written, Path dir) throws Exception {
        store.put("large", source);
        Path copy = dir.resolve("copy");
        store.get("large", copy);
        if (!StoreContract.sha256(Files.newInputStream(copy)).equals(written)
                || !StoreContract.sha256(store.open("large")).equals(written)) {
            throw new AssertionError("copy differs from the original");
        }
    }
}
