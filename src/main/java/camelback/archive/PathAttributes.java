package camelback.archive;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;

/**
 * A restored path's mode and mtime set by its path, for what is not set through a descriptor (directories, links,
 * nodes, files the JDK wrote): through the JDK where it can, through {@code chmod} and {@code touch} where it cannot.
 */
final class PathAttributes {
    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};
    /** The last second whose time in nanoseconds fits a long (2262-04-11). */
    private static final long LAST_NANOSECOND_SECOND = Long.MAX_VALUE / 1_000_000_000L;

    private PathAttributes() {
    }

    /** Sets {@code path}'s permission bits and mtime as {@code h} has them (the access time: now). */
    static void setModeAndTimes(Path path, TarHeader h) throws IOException {
        FileType type = h.fileType();
        if (type == FileType.FIFO || type == FileType.CHAR_DEVICE || type == FileType.BLOCK_DEVICE) {
            // the JDK opens a file to change its mode or times, which blocks on a fifo; these tools do not open it
            run("chmod", Integer.toOctalString(h.mode() & 07777), path.toString());
            run("touch", "-h", "-m", "-d", "@" + h.mtime(), path.toString());
            return;
        }
        // regular files are our own new temp files, never links, so the cheaper path-following calls are safe;
        // the access time is set to now, as duplicity does, which spares the JDK reading the old one first
        LinkOption[] links = type == FileType.REGULAR ? new LinkOption[0] : NOFOLLOW;
        Files.setAttribute(path, "unix:mode", h.mode() & 07777, links);
        Files.getFileAttributeView(path, BasicFileAttributeView.class, links)
                .setTimes(FileTime.from(h.mtime(), TimeUnit.SECONDS), FileTime.fromMillis(System.currentTimeMillis()), null);
        if (h.mtime() > LAST_NANOSECOND_SECOND) {
            touchSeconds(path.toAbsolutePath(), h.mtime(), type == FileType.SYMLINK);
        }
    }

    /**
     * Sets an mtime after 2262-04-11, which the JDK clamps (it sets times in nanoseconds), with touch, which takes
     * seconds. A command line cannot carry a name that is not UTF-8: touch then reaches it through a plain-named link,
     * which it follows (a symlink's own mtime is not restored, as in duplicity).
     */
    private static void touchSeconds(Path absolute, long mtime, boolean symlink) throws IOException {
        if (PathBytes.plainString(absolute)) {
            run("touch", "-h", "-m", "-d", "@" + mtime, absolute.toString());
            return;
        }
        if (symlink) {
            return;
        }
        Path linkDir = Files.createTempDirectory("camelback-touch-");
        Path link = linkDir.resolve("path");
        try {
            Files.createSymbolicLink(link, absolute);
            run("touch", "-m", "-d", "@" + mtime, link.toString());
        } finally {
            Files.deleteIfExists(link);
            Files.deleteIfExists(linkDir);
        }
    }

    /** Runs a system tool on paths, failing with its output when it fails. */
    static void run(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        try {
            if (p.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(String.join(" ", command) + " was interrupted", e);
        }
    }
}
