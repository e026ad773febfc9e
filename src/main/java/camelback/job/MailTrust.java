package camelback.job;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The certificates of {@code camelback.mail.ca-file} (PEM), trusted for the report mail besides the JVM's own: a
 * company's submission server signed by a private CA. Pointing the whole JVM at another trust store
 * ({@code -Djavax.net.ssl.trustStore}) would have S3 trust only that store too.
 */
public record MailTrust(Path file, List<X509Certificate> certificates) {
    public MailTrust {
        certificates = List.copyOf(certificates);
    }

    /** @throws ConfigException naming the key and the file when it is missing or holds no certificate */
    static MailTrust read(Path file, String key) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(key + ": " + file + " not found (a PEM file of the CA certificates to trust)");
        }
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast).toList();
            if (certificates.isEmpty()) {
                throw new ConfigException(key + ": " + file + " holds no certificate (PEM, -----BEGIN CERTIFICATE-----)");
            }
            return new MailTrust(file, certificates);
        } catch (CertificateException e) {
            throw new ConfigException(key + ": " + file + " is not a PEM file of certificates: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ConfigException(key + ": cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** TLS sockets that trust what the JVM trusts and these certificates; the server's name is checked by JavaMail. */
    public SSLSocketFactory socketFactory() {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (X509Certificate ca : jvmTrusted()) {
                store.setCertificateEntry("jvm-" + n++, ca);
            }
            for (X509Certificate certificate : certificates) {
                store.setCertificateEntry("ca-file-" + n++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up TLS trusting " + file + ": " + e.getMessage(), e);
        }
    }

    /** The JVM's trust anchors: its cacerts, or the store -Djavax.net.ssl.trustStore names. */
    private static X509Certificate[] jvmTrusted() throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509.getAcceptedIssuers();
            }
        }
        return new X509Certificate[0];
    }
}
