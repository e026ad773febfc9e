package camelback.job;

import static camelback.job.ConfigValues.booleanValue;
import static camelback.job.ConfigValues.intValue;
import static camelback.job.ConfigValues.list;
import static camelback.job.ConfigValues.readTimeout;
import static camelback.job.ConfigValues.resolve;
import static camelback.job.ConfigValues.trimmed;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

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

    /** The {@code camelback.mail.*} keys; the SMTP password comes from {@code secrets}. */
    static MailSettings load(Properties props, Path home, Secrets secrets) {
        boolean tls = booleanValue(props, "camelback.mail.tls", false);
        boolean starttls = booleanValue(props, "camelback.mail.starttls", false);
        if (tls && starttls) {
            throw new ConfigException("camelback.mail.tls and camelback.mail.starttls are both true: tls=true is SMTPS "
                    + "(TLS from the first byte, usually port 465), starttls=true upgrades plain SMTP (usually port 587); "
                    + "set the one the server's port speaks");
        }
        Duration timeout = readTimeout(props, "camelback.mail.timeout");
        if (timeout != null && timeout.toMillis() > Integer.MAX_VALUE) {
            // camel-mail takes milliseconds as an int
            throw new ConfigException("camelback.mail.timeout must be at most 24D, e.g. 30s or 2m");
        }
        String caFile = trimmed(props, "camelback.mail.ca-file");
        if (caFile != null && !tls && !starttls) {
            throw new ConfigException("camelback.mail.ca-file is set but neither camelback.mail.tls nor "
                    + "camelback.mail.starttls is true: plain SMTP checks no certificate, and sends the password in clear");
        }
        return new MailSettings(
                trimmed(props, "camelback.mail.host"),
                intValue(props, "camelback.mail.port", 25),
                tls,
                starttls,
                timeout == null ? DEFAULT_TIMEOUT : timeout,
                caFile == null ? null : MailTrust.read(resolve(home, caFile), "camelback.mail.ca-file"),
                trimmed(props, "camelback.mail.username"),
                secrets.get(Secrets.SMTP_PASSWORD).orElse(null),
                props.getProperty("camelback.mail.from", "camelback@localhost").trim(),
                list(props.getProperty("camelback.mail.to")));
    }
}
