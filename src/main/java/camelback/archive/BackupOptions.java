package camelback.archive;

import java.nio.file.Path;

/**
 * What a backup set writer needs: the source tree, the manifest's Localdir and Hostname (null =
 * omit), the plain volume size in bytes, and a work dir for temp files.
 */
public record BackupOptions(Path source, String localdir, String hostname, long volsizeBytes, Path workDir) {
}
