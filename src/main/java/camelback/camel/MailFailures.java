package camelback.camel;

import camelback.job.MailSettings;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.SendFailedException;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.util.ArrayList;
import java.util.List;

/**
 * Stage "report", when the mail could not be sent: Jakarta Mail's errors ("Exception reading response") name no
 * server, so the warning says which recipients, which server and what to check there. It never fails the run.
 */
public final class MailFailures {
    private static final Logger LOG = LoggerFactory.getLogger(MailFailures.class);

    private final MailSettings mail;

    public MailFailures(MailSettings mail) {
        this.mail = mail;
    }

    /** The report route's catch: logs the failure to send the exchange's mail as a warning. */
    public void log(Exchange exchange) {
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String recipients = exchange.getMessage().getHeader("To", String.class);
        LOG.warn("{}", describe(error, recipients));
    }

    /** One line: recipients, scheme, host:port, the cause chain and a hint; the SMTP password never appears. */
    String describe(Throwable error, String recipients) {
        String line = "could not send the report mail to " + recipients + " via " + (mail.tls() ? "smtps " : "smtp ")
                + mail.host() + ":" + mail.port() + (mail.starttls() ? " with STARTTLS" : "") + ": " + causes(error);
        String hint = hint(error);
        if (hint != null) {
            line += "; " + hint;
        }
        String password = mail.password();
        // a server could echo what it was sent; the password must not reach the log even then
        return password == null || password.isEmpty() ? line : line.replace(password, "***");
    }

    /** Each distinct message down the chain: Jakarta Mail puts the telling part ("Read timed out") in a cause. */
    private static String causes(Throwable error) {
        List<String> messages = new ArrayList<>();
        for (Throwable t = ErrorMessages.rootCause(error); t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage();
            if (message == null || message.isBlank()) {
                message = t.getClass().getSimpleName();
            }
            if (!messages.contains(message.strip())) {
                messages.add(message.strip());
            }
        }
        return messages.isEmpty() ? "unknown error" : String.join(": ", messages);
    }

    private String hint(Throwable error) {
        if (has(error, AuthenticationFailedException.class)) {
            return "the server refused the login: check camelback.mail.username and the SMTP_PASSWORD secret";
        }
        // the JDK's words when the certificate names another host (JavaMail asks it to check the name)
        if (mentions(error, "No subject alternative") || mentions(error, "No name matching")) {
            return "the server's certificate is not issued to " + mail.host() + ": set camelback.mail.host to a name the "
                    + "certificate carries (the server's DNS name, not an IP address or another alias)";
        }
        if (has(error, CertPathBuilderException.class) || has(error, CertPathValidatorException.class)) {
            return "Java does not trust the server's certificate (signed by a private CA, self-signed or expired): put the "
                    + "certificate of the CA that signed it (PEM) in camelback.mail.ca-file, or fix the server's certificate";
        }
        if (mail.starttls() && mentions(error, "does not support STARTTLS")) {
            return "the server does not offer STARTTLS, so neither the password nor the report was sent: check "
                    + "camelback.mail.port (STARTTLS is usually on 587; 465 is SMTPS, camelback.mail.tls=true) and that "
                    + "nothing between here and the server strips STARTTLS from its answer";
        }
        if (!mail.starttls() && !mail.tls() && mentions(error, "STARTTLS")) {
            return "the server demands STARTTLS before it takes mail or a login: set camelback.mail.starttls=true";
        }
        // 530: a login is wanted. Submission servers offer AUTH only after STARTTLS, and JavaMail skips a login that
        // is not offered, so a configured username never reaches them in plain SMTP.
        if (!mail.starttls() && !mail.tls() && anyCause(error, t -> t.getMessage() != null && t.getMessage().startsWith("530"))) {
            return "the server wants a login first: set camelback.mail.starttls=true (most servers offer the login only "
                    + "after STARTTLS), with camelback.mail.username and the SMTP_PASSWORD secret";
        }
        if (has(error, SSLException.class)) {
            return "TLS failed: check camelback.mail.tls and camelback.mail.starttls against the port (tls=true for SMTPS, "
                    + "usually 465; starttls=true for submission, usually 587; both false for plain SMTP, usually 25)";
        }
        if (has(error, SocketTimeoutException.class)) {
            return "the server did not answer within " + mail.timeout().toSeconds() + "s (camelback.mail.timeout): check "
                    + "that it is up, that no firewall drops port " + mail.port() + ", and camelback.mail.tls (plain SMTP or "
                    + "STARTTLS to an SMTPS port waits for a greeting that never comes)";
        }
        if (has(error, ConnectException.class)) {
            return "nothing accepted the connection: check camelback.mail.host and camelback.mail.port, and that the "
                    + "server is running";
        }
        if (has(error, UnknownHostException.class)) {
            return "the host name does not resolve: check camelback.mail.host";
        }
        if (has(error, SendFailedException.class)) {
            return "the server refused the sender or a recipient: check camelback.mail.from and camelback.mail.to "
                    + "(or the job's mail-to)";
        }
        return null;
    }

    private static boolean has(Throwable error, Class<? extends Throwable> type) {
        return anyCause(error, type::isInstance);
    }

    private static boolean mentions(Throwable error, String word) {
        return anyCause(error, t -> t.getMessage() != null && t.getMessage().contains(word));
    }

    private static boolean anyCause(Throwable error, java.util.function.Predicate<Throwable> test) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (test.test(t)) {
                return true;
            }
        }
        return false;
    }
}
