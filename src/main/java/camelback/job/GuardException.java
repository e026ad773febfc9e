package camelback.job;

import java.io.IOException;

/** A guard could not decide (its node is unreachable, refused us or answered nonsense): the run fails, it is not skipped. */
public class GuardException extends IOException {
    public GuardException(String message) {
        super(message);
    }
}
