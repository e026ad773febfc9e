package camelback.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/** Read access to a backup target, implemented by the job layer over a store and a decryptor. */
public interface ArchiveSource {

    /** The file names on the target. */
    List<String> names() throws IOException;

    /** Downloads a file's stored bytes into a temp file; the caller deletes it. */
    Path fetch(String name) throws IOException;

    /** The plaintext of a stored file: decrypted or gunzipped according to the name's suffix. */
    InputStream decode(String name, InputStream stored) throws IOException;
}
