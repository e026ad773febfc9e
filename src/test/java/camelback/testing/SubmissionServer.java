package camelback.testing;

import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.server.SMTPServer;
import org.subethamail.smtp.server.Session;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real SMTP server (SubEthaSMTP; GreenMail has no STARTTLS) as the relays operators send through: one user, AUTH,
 * and STARTTLS or implicit TLS with a test certificate. It keeps every login tried, with the password it carried and
 * whether TLS was up, and every message it took.
 */
public final class SubmissionServer implements AutoCloseable {
    /** A login the client tried. */
    public record Login(String username, String password, boolean overTls) {
    }

    private final List<Login> logins = new CopyOnWriteArrayList<>();
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final SMTPServer server;

    private SubmissionServer(String username, String password, TestCertificate certificate, boolean implicitTls)
            throws Exception {
        this(username, password, certificate, implicitTls, true);
    }

    private SubmissionServer(String username, String password, TestCertificate certificate, boolean implicitTls,
                             boolean requireAuth) throws Exception {
        SMTPServer.Builder builder = SMTPServer.port(0).bindAddress(InetAddress.getLoopbackAddress()).hostName("localhost")
                .authenticationHandlerFactory(new EasyAuthenticationHandlerFactory((user, pass, context) -> {
                    logins.add(new Login(user, pass, ((Session) context).isTLSStarted()));
                    if (!user.equals(username) || !pass.equals(password)) {
                        throw new LoginFailedException();
                    }
                }))
                .requireAuth(requireAuth)
                .messageHandler((context, from, to, data) -> messages.add(new String(data, StandardCharsets.UTF_8)));
        if (certificate != null && implicitTls) {
            builder.serverSocketFactory(certificate.serverContext());
        } else if (certificate != null) {
            // as a submission server on 587: STARTTLS first, no AUTH offered before it
            builder.enableTLS().requireTLS().startTlsSocketFactory(certificate.serverContext());
        }
        server = builder.build();
        server.start();
    }

    /** Demands STARTTLS with this certificate before a login or a mail. */
    public static SubmissionServer startTls(TestCertificate certificate, String username, String password) throws Exception {
        return new SubmissionServer(username, password, certificate, false);
    }

    /** A relay that takes mail without a login, but only after STARTTLS. */
    public static SubmissionServer startTlsWithoutLogin(TestCertificate certificate) throws Exception {
        return new SubmissionServer("nobody", "", certificate, false, false);
    }

    /** SMTPS: TLS with this certificate from the first byte. */
    public static SubmissionServer implicitTls(TestCertificate certificate, String username, String password) throws Exception {
        return new SubmissionServer(username, password, certificate, true);
    }

    /** Offers no STARTTLS, and takes a login in clear. */
    public static SubmissionServer plain(String username, String password) throws Exception {
        return new SubmissionServer(username, password, null, false);
    }

    public int port() {
        return server.getPortAllocated();
    }

    public List<Login> logins() {
        return List.copyOf(logins);
    }

    /** Each message as received, headers and body; one entry per recipient. */
    public List<String> messages() {
        return List.copyOf(messages);
    }

    @Override
    public void close() {
        server.stop();
    }
}
