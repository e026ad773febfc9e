package camelback.job;

/** The configuration is missing, malformed or inconsistent; the message names the key or file. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
