package camelback.job;

import java.time.Duration;
import java.util.List;

/**
 * SMTP settings for the report mail; the password is never part of toString.
 *
 * @param tls      implicit TLS (SMTPS) from the first byte
 * @param starttls plain SMTP upgraded with STARTTLS before anything else is said, required: a server that does not
 *                 offer it is not sent the password or the report
 * @param timeout  for connecting, and for each read and write of the conversation
 * @param trust    certificates trusted besides the JVM's (camelback.mail.ca-file), or null
 */
public record MailSettings(String host, int port, boolean tls, boolean starttls, Duration timeout, MailTrust trust,
                           String username, String password, String from, List<String> to) {
    /** camel-mail's own default, kept. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    public boolean configured() {
        return host != null && !host.isBlank() && !to.isEmpty();
    }

    public boolean hasCredentials() {
        return username != null && !username.isBlank();
    }

    public MailSettings withRecipients(List<String> recipients) {
        return new MailSettings(host, port, tls, starttls, timeout, trust, username, password, from, recipients);
    }

    @Override
    public String toString() {
        return "MailSettings[host=" + host + ", port=" + port + ", tls=" + tls + ", starttls=" + starttls
                + ", timeout=" + timeout + ", ca-file=" + (trust == null ? null : trust.file()) + ", username=" + username
                + ", from=" + from + ", to=" + to + "]";
    }
}
