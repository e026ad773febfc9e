package camelback.job;

import java.util.List;

/** SMTP settings for the report mail; the password is never part of toString. */
public record MailSettings(String host, int port, boolean tls, String username, String password,
                           String from, List<String> to) {

    public boolean configured() {
        return host != null && !host.isBlank() && !to.isEmpty();
    }

    public boolean hasCredentials() {
        return username != null && !username.isBlank();
    }

    public MailSettings withRecipients(List<String> recipients) {
        return new MailSettings(host, port, tls, username, password, from, recipients);
    }

    @Override
    public String toString() {
        return "MailSettings[host=" + host + ", port=" + port + ", tls=" + tls + ", username=" + username
                + ", from=" + from + ", to=" + to + "]";
    }
}
