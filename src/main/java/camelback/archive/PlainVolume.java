package camelback.archive;

import java.nio.file.Path;

/**
 * One plain (not yet compressed or encrypted) tar volume in the work dir, with the path range it
 * holds ("." is the root; a block is a multivol chunk number, null when absent).
 */
public record PlainVolume(int number, Path file, String startPath, Integer startBlock, String endPath, Integer endBlock) {
}
