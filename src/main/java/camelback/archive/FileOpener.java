package camelback.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** Opens a source file for reading; a seam so tests can make an open fail. */
@FunctionalInterface
interface FileOpener {
    FileOpener DEFAULT = path -> Files.newInputStream(path, LinkOption.NOFOLLOW_LINKS);

    InputStream open(Path path) throws IOException;
}
