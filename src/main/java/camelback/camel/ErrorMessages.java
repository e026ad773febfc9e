package camelback.camel;

/** One readable line for an error that surfaced through Camel's wrapping exceptions. */
public final class ErrorMessages {
    private ErrorMessages() {
    }

    public static Throwable rootCause(Throwable error) {
        Throwable t = error;
        while (t != null && t.getCause() != null && t.getCause() != t
                && (t instanceof org.apache.camel.CamelExecutionException
                || t instanceof org.apache.camel.CamelExchangeException
                || t instanceof org.apache.camel.RuntimeCamelException
                || t instanceof java.io.UncheckedIOException
                || t.getClass().getName().startsWith("org.apache.camel"))) {
            t = t.getCause();
        }
        return t;
    }

    public static String describe(Throwable error) {
        Throwable t = rootCause(error);
        if (t == null) {
            return "unknown error";
        }
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
    }
}
