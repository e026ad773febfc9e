package camelback.archive;

import java.io.IOException;
import java.nio.file.Path;

/** The backup source is not a readable directory. */
public final class SourceMissingException extends IOException {
    private static final long serialVersionUID = 1L;

    public SourceMissingException(Path source) {
        super("Backup source " + source + " is not a readable directory: check the job's source path and its permissions");
    }
}
