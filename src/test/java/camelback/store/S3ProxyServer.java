package camelback.store;

import camelback.archive.TreeDeletion;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An in-process S3 server (S3Proxy on a temp folder, AWS V2/V4 signatures) on a free port of 127.0.0.1.
 * Use it as {@code @RegisterExtension static S3ProxyServer s3 = new S3ProxyServer();} (started for the
 * class, stopped after it), or call {@link #start()} / {@link #stop()} yourself.
 */
public final class S3ProxyServer implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

    private static final String ACCESS_KEY = "camelback-test-access-key";
    private static final String SECRET_KEY = "camelback-test-secret-key";

    private Path baseDir;
    private BlobStoreContext context;
    private S3Proxy proxy;
    private URI endpoint;
    private int users;

    /** Starts the server; returns this, for chaining. */
    public synchronized S3ProxyServer start() throws Exception {
        if (proxy != null) {
            throw new IllegalStateException("S3 proxy already running at " + endpoint);
        }
        baseDir = Files.createTempDirectory("s3proxy-");
        Properties properties = new Properties();
        properties.setProperty("jclouds.filesystem.basedir", baseDir.toString());
        context = ContextBuilder.newBuilder("filesystem-nio2").credentials(ACCESS_KEY, SECRET_KEY)
                .overrides(properties).build(BlobStoreContext.class);
        proxy = S3Proxy.builder()
                .blobStore(context.getBlobStore())
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .build();
        proxy.start();
        for (int wait = 0; wait < 1000 && !"STARTED".equals(proxy.getState()); wait++) {
            Thread.sleep(10);
        }
        if (!"STARTED".equals(proxy.getState())) {
            throw new IllegalStateException("S3 proxy did not start: " + proxy.getState());
        }
        endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
        return this;
    }

    /** Stops the server and removes its files; does nothing when it is not running. */
    public synchronized void stop() {
        if (proxy == null) {
            return;
        }
        try {
            proxy.stop();
            context.close();
            deleteTree(baseDir);
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the S3 proxy at " + endpoint + " cleanly", e);
        } finally {
            proxy = null;
            context = null;
            endpoint = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** {@code http://127.0.0.1:PORT} */
    public URI endpoint() {
        requireRunning();
        return endpoint;
    }

    public String accessKey() {
        return ACCESS_KEY;
    }

    public String secretKey() {
        return SECRET_KEY;
    }

    /** Creates the bucket if it is not there yet. */
    public void createBucket(String name) {
        requireRunning();
        context.getBlobStore().createContainerInLocation(null, name);
    }

    /** Settings that reach this server with the right keys. */
    public S3Settings settings() {
        return S3Settings.forEndpoint(endpoint().toString(), ACCESS_KEY, SECRET_KEY);
    }

    /** A new client for this server, made by the production factory; the caller closes it. */
    public S3Client newClient() {
        return S3ClientFactory.create(settings());
    }

    @Override
    public synchronized void beforeAll(ExtensionContext extension) throws Exception {
        // Nested test classes call this again: start once, stop when the outermost class is done.
        if (users++ == 0) {
            start();
        }
    }

    @Override
    public synchronized void afterAll(ExtensionContext extension) {
        if (--users == 0) {
            stop();
        }
    }

    private void requireRunning() {
        if (proxy == null) {
            throw new IllegalStateException("S3 proxy is not running; call start() or register it as an extension");
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (root != null) {
            TreeDeletion.delete(root);
        }
    }
}
