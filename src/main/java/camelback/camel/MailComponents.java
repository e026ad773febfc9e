package camelback.camel;

import camelback.job.MailSettings;
import org.apache.camel.CamelContext;
import org.apache.camel.component.mail.MailComponent;
import org.apache.camel.component.mail.MailConfiguration;

import java.util.Properties;

/**
 * Sets camel-mail's smtp and smtps components up from the mail settings: credentials, timeouts, STARTTLS and the
 * certificates to trust. The report route's URI names only host and port, so nothing secret is in an endpoint.
 */
final class MailComponents {
    private static final String[] SCHEMES = {"smtp", "smtps"};

    private MailComponents() {
    }

    static void configure(CamelContext context, MailSettings mail) {
        for (String scheme : SCHEMES) {
            MailConfiguration configuration = context.getComponent(scheme, MailComponent.class).getConfiguration();
            if (mail.hasCredentials()) {
                // camel-mail tries AUTH whenever a username is present, even an empty one
                configuration.setUsername(mail.username());
                configuration.setPassword(mail.password());
            }
            // camel-mail sets JavaMail's connect and read timeouts from this one; the write timeout is added below
            configuration.setConnectionTimeout((int) mail.timeout().toMillis());
            configuration.setAdditionalJavaMailProperties(javaMailProperties(scheme, mail));
        }
    }

    /** What camelback adds to camel-mail's JavaMail properties for {@code scheme}; endpoints copy them when first used. */
    private static Properties javaMailProperties(String scheme, MailSettings mail) {
        String prefix = "mail." + scheme + ".";
        Properties properties = new Properties();
        // a server that takes the mail but stops reading it would otherwise hold the report route forever
        properties.setProperty(prefix + "writetimeout", Long.toString(mail.timeout().toMillis()));
        // JavaMail checks the name by default; set, so a -Dmail.smtp.ssl.checkserveridentity=false cannot turn it off
        properties.setProperty(prefix + "ssl.checkserveridentity", "true");
        if (mail.starttls() && scheme.equals("smtp")) {
            properties.setProperty(prefix + "starttls.enable", "true");
            // without it JavaMail goes on in clear, password and all, when the server does not offer STARTTLS
            properties.setProperty(prefix + "starttls.required", "true");
        }
        if (mail.trust() != null) {
            // an object, not a string: JavaMail takes a socket factory instance from its properties
            properties.put(prefix + "ssl.socketFactory", mail.trust().socketFactory());
            // else a refused SMTPS handshake is tried again with the JVM's factory, and its error hides the real one
            properties.setProperty(prefix + "socketFactory.fallback", "false");
        }
        return properties;
    }
}
