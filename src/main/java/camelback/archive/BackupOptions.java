package camelback.archive;

import java.nio.file.Path;

/**
 * What a backup set writer needs: the source tree, the manifest's Localdir and Hostname (null =
 * omit), the plain volume size in bytes, a work dir for temp files, and which paths of the source to take.
 */
public record BackupOptions(Path source, String localdir, String hostname, long volsizeBytes, Path workDir,
                            Selection selection) {
    /** Every path of the source. */
    public BackupOptions(Path source, String localdir, String hostname, long volsizeBytes, Path workDir) {
        this(source, localdir, hostname, volsizeBytes, workDir, Selection.everything());
    }
}
