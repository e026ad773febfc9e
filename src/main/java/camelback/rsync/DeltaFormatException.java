package camelback.rsync;

import java.io.IOException;

/** A delta that cannot be applied: bad magic, reserved opcode, truncation, or a COPY beyond the basis. */
public class DeltaFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    public DeltaFormatException(String message) {
        super(message);
    }
}
