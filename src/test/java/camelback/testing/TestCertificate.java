package camelback.testing;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A self-signed server certificate that the JDK's keytool makes for the given names: its key store (PKCS12), for a
 * test server, and the certificate alone as PEM, for {@code camelback.mail.ca-file}.
 */
public record TestCertificate(Path keyStore, Path pem) {
    private static final String PASSWORD = "test-store";

    /** @param names DNS names and IP addresses the certificate is issued to (its subject alternative names) */
    public static TestCertificate issue(Path dir, String... names) throws Exception {
        Files.createDirectories(dir);
        Path keyStore = dir.resolve(names[0] + ".p12");
        Path pem = dir.resolve(names[0] + ".pem");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        String san = Stream.of(names).map(n -> (n.matches("[0-9.]+") ? "ip:" : "dns:") + n).collect(Collectors.joining(","));
        Processes.ok(dir, Map.of(), List.of(keytool, "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname",
                "secp256r1", "-dname", "CN=" + names[0], "-ext", "san=" + san, "-validity", "2",
                "-keystore", keyStore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD));
        Processes.ok(dir, Map.of(), List.of(keytool, "-exportcert", "-rfc", "-alias", "server",
                "-keystore", keyStore.toString(), "-storepass", PASSWORD, "-file", pem.toString()));
        return new TestCertificate(keyStore, pem);
    }

    /** A server's TLS context presenting this certificate. */
    public SSLContext serverContext() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }
}
