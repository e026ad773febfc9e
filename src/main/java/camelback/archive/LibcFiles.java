package camelback.archive;

import camelback.ffi.NativeBuffer;
import camelback.ffi.NativeFunctions;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import jdk.incubator.foreign.CLinker;
import jdk.incubator.foreign.FunctionDescriptor;
import jdk.incubator.foreign.MemoryAccess;
import jdk.incubator.foreign.MemoryAddress;
import jdk.incubator.foreign.MemorySegment;

/**
 * The C library's file calls, for writing a restore's new files with fewer system calls than the JDK makes: the JDK
 * creates a file, changes its mode and opens it again to set its times, each by its whole path (three walks of up to
 * 60 directories per file in some trees), and has no way to allocate a run of zeros without writing it. Here a file is
 * created by its name in a descriptor of its directory, then written, allocated, chmod-ed and timestamped through its
 * own descriptor. Java 17's foreign-function API cannot read {@code errno}, so every call only tells whether it
 * worked; callers redo a failed step through the JDK, which reports the error with the system's message. Linux on
 * x86-64 and arm64 only (the flag values are theirs).
 */
final class LibcFiles {
    /** Set to {@code off} to write restored files through the JDK only. */
    static final String PROPERTY = "camelback.libc";

    /** openat's directory for a path that is absolute, or relative to the working directory. */
    private static final int AT_FDCWD = -100;
    private static final int O_WRONLY = 01;
    private static final int O_CREAT = 0100;
    private static final int O_EXCL = 0200;
    private static final int O_NOCTTY = 0400;
    private static final int O_CLOEXEC = 02000000;
    private static final int O_PATH = 010000000;
    private static final long UTIME_NOW = (1L << 30) - 1;

    // int openat(int dirfd, const char *path, int flags, ...): the mode is a variadic argument
    private static final NativeFunctions.Signature OPENAT = new NativeFunctions.Signature(
            MethodType.methodType(int.class, int.class, MemoryAddress.class, int.class, int.class),
            FunctionDescriptor.of(CLinker.C_INT, CLinker.C_INT, CLinker.C_POINTER, CLinker.C_INT,
                    CLinker.asVarArg(CLinker.C_INT)));
    // ssize_t pwrite(int fd, const void *buf, size_t count, off_t offset)
    private static final NativeFunctions.Signature PWRITE = new NativeFunctions.Signature(
            MethodType.methodType(long.class, int.class, MemoryAddress.class, long.class, long.class),
            FunctionDescriptor.of(CLinker.C_LONG, CLinker.C_INT, CLinker.C_POINTER, CLinker.C_LONG, CLinker.C_LONG));
    // int fallocate(int fd, int mode, off_t offset, off_t len)
    private static final NativeFunctions.Signature FALLOCATE = new NativeFunctions.Signature(
            MethodType.methodType(int.class, int.class, int.class, long.class, long.class),
            FunctionDescriptor.of(CLinker.C_INT, CLinker.C_INT, CLinker.C_INT, CLinker.C_LONG, CLinker.C_LONG));
    // int fchmod(int fd, mode_t mode)
    private static final NativeFunctions.Signature FCHMOD = new NativeFunctions.Signature(
            MethodType.methodType(int.class, int.class, int.class),
            FunctionDescriptor.of(CLinker.C_INT, CLinker.C_INT, CLinker.C_INT));
    // int futimens(int fd, const struct timespec times[2])
    private static final NativeFunctions.Signature FUTIMENS = new NativeFunctions.Signature(
            MethodType.methodType(int.class, int.class, MemoryAddress.class),
            FunctionDescriptor.of(CLinker.C_INT, CLinker.C_INT, CLinker.C_POINTER));
    // int close(int fd)
    private static final NativeFunctions.Signature CLOSE = new NativeFunctions.Signature(
            MethodType.methodType(int.class, int.class), FunctionDescriptor.of(CLinker.C_INT, CLinker.C_INT));

    // The restore's writer threads each copy names and data through a buffer of their own (up to a pooled file).
    private static final ThreadLocal<NativeBuffer> BUFFERS = ThreadLocal.withInitial(() -> new NativeBuffer(64 << 10));

    private final MethodHandle openat;
    private final int directoryFlag;
    private final MethodHandle pwrite;
    private final MethodHandle fallocate;
    private final MethodHandle fchmod;
    private final MethodHandle futimens;
    private final MethodHandle close;

    private LibcFiles(MethodHandle openat, int directoryFlag, MethodHandle pwrite, MethodHandle fallocate,
            MethodHandle fchmod, MethodHandle futimens, MethodHandle close) {
        this.openat = openat;
        this.directoryFlag = directoryFlag;
        this.pwrite = pwrite;
        this.fallocate = fallocate;
        this.fchmod = fchmod;
        this.futimens = futimens;
        this.close = close;
    }

    /** The C library's calls, when this is Linux and they pass a self-test in {@code scratch}; else empty. */
    static Optional<LibcFiles> open(Path scratch) {
        String arch = System.getProperty("os.arch", "");
        if (!System.getProperty("os.name", "").equals("Linux") || !(arch.equals("amd64") || arch.equals("aarch64"))) {
            return Optional.empty();
        }
        // O_DIRECTORY, the one flag used here whose value differs between the two
        int directoryFlag = arch.equals("amd64") ? 0200000 : 040000;
        Optional<MethodHandle> openat = NativeFunctions.systemFunction("openat", OPENAT);
        Optional<MethodHandle> pwrite = NativeFunctions.systemFunction("pwrite", PWRITE);
        Optional<MethodHandle> fallocate = NativeFunctions.systemFunction("fallocate", FALLOCATE);
        Optional<MethodHandle> fchmod = NativeFunctions.systemFunction("fchmod", FCHMOD);
        Optional<MethodHandle> futimens = NativeFunctions.systemFunction("futimens", FUTIMENS);
        Optional<MethodHandle> close = NativeFunctions.systemFunction("close", CLOSE);
        if (Stream.of(openat, pwrite, fallocate, fchmod, futimens, close).anyMatch(Optional::isEmpty)) {
            return Optional.empty();
        }
        LibcFiles libc = new LibcFiles(openat.get(), directoryFlag, pwrite.get(), fallocate.get(), fchmod.get(),
                futimens.get(), close.get());
        return libc.writesCorrectly(scratch) ? Optional.of(libc) : Optional.empty();
    }

    /**
     * A descriptor of the directory {@code directory} to create files in (it is not opened for reading), or -1 when
     * that failed for any reason; {@link #close} it.
     */
    int openDirectory(Path directory) {
        return openat(AT_FDCWD, PathBytes.of(directory.toAbsolutePath()), O_PATH | directoryFlag | O_CLOEXEC, 0);
    }

    /**
     * Creates the file {@code name} in the directory whose descriptor is {@code directory}, for writing; it must not
     * exist. It gets the permission bits {@code mode} less the process's umask. Its descriptor, or -1 when that failed
     * for any reason.
     */
    int createNew(int directory, byte[] name, int mode) {
        return openat(directory, name, O_WRONLY | O_CREAT | O_EXCL | O_NOCTTY | O_CLOEXEC, mode);
    }

    private int openat(int directory, byte[] name, int flags, int mode) {
        MemorySegment buffer = BUFFERS.get().of(name.length + 1L);
        buffer.asSlice(0, name.length).copyFrom(MemorySegment.ofArray(name));
        MemoryAccess.setByteAtOffset(buffer, name.length, (byte) 0);
        try {
            return (int) openat.invokeExact(directory, buffer.address(), flags, mode);
        } catch (Throwable e) {
            throw new IllegalStateException("openat failed: " + e, e);
        }
    }

    /** Writes all of {@code pieces}' remaining bytes at {@code offset}, consuming them; false when a write failed. */
    boolean write(int fd, long offset, ByteBuffer... pieces) {
        long total = 0;
        for (ByteBuffer piece : pieces) {
            total += piece.remaining();
        }
        MemorySegment buffer = BUFFERS.get().of(total);
        long at = 0;
        for (ByteBuffer piece : pieces) {
            int n = piece.remaining();
            buffer.asSlice(at, n).copyFrom(MemorySegment.ofByteBuffer(piece));
            at += n;
        }
        for (long written = 0; written < total; ) {
            long n;
            try {
                n = (long) pwrite.invokeExact(fd, buffer.address().addOffset(written), total - written,
                        offset + written);
            } catch (Throwable e) {
                throw new IllegalStateException("pwrite failed: " + e, e);
            }
            if (n <= 0) {
                return false;
            }
            written += n;
        }
        for (ByteBuffer piece : pieces) {
            piece.position(piece.limit());
        }
        return true;
    }

    /**
     * Allocates {@code length} bytes at {@code offset} that read as zeros, without writing them (ext4 and XFS keep them
     * as unwritten extents), growing the file when they reach past its end; false when the file system cannot.
     */
    boolean allocateZeros(int fd, long offset, long length) {
        try {
            return (int) fallocate.invokeExact(fd, 0, offset, length) == 0;
        } catch (Throwable e) {
            throw new IllegalStateException("fallocate failed: " + e, e);
        }
    }

    /** Sets the permission bits, with setuid, setgid and sticky. */
    boolean setMode(int fd, int mode) {
        try {
            return (int) fchmod.invokeExact(fd, mode) == 0;
        } catch (Throwable e) {
            throw new IllegalStateException("fchmod failed: " + e, e);
        }
    }

    /** Sets the mtime in whole seconds, any a long holds (the JDK's nanoseconds end in 2262); the access time: now. */
    boolean setTimes(int fd, long mtime) {
        MemorySegment times = BUFFERS.get().of(32);
        MemoryAccess.setLongAtOffset(times, 0, 0);
        MemoryAccess.setLongAtOffset(times, 8, UTIME_NOW);
        MemoryAccess.setLongAtOffset(times, 16, mtime);
        MemoryAccess.setLongAtOffset(times, 24, 0);
        try {
            return (int) futimens.invokeExact(fd, times.address()) == 0;
        } catch (Throwable e) {
            throw new IllegalStateException("futimens failed: " + e, e);
        }
    }

    /** Closes {@code fd}; false when the close reported an error (the descriptor is released either way). */
    boolean close(int fd) {
        try {
            return (int) close.invokeExact(fd) == 0;
        } catch (Throwable e) {
            throw new IllegalStateException("close failed: " + e, e);
        }
    }

    /** Writes, allocates and stamps a file in {@code scratch} and checks what the JDK reads back. */
    private boolean writesCorrectly(Path scratch) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory(scratch, ".camelback-libc-");
            Path file = dir.resolve("test");
            int directory = openDirectory(dir);
            if (directory < 0) {
                return false;
            }
            int fd = createNew(directory, PathBytes.fileName(file), 0600);
            boolean ok = close(directory);
            if (fd < 0) {
                return false;
            }
            byte[] data = "camelback".getBytes(StandardCharsets.US_ASCII);
            ok &= write(fd, 0, ByteBuffer.wrap(data, 0, 5), ByteBuffer.wrap(data, 5, 4))
                    && (allocateZeros(fd, data.length, 4096) || write(fd, data.length, ByteBuffer.allocate(4096)))
                    && write(fd, data.length + 4096, ByteBuffer.wrap(data))
                    && setMode(fd, 0641) && setTimes(fd, 1_000_000_000L);
            ok &= close(fd);
            byte[] expected = new byte[data.length * 2 + 4096];
            System.arraycopy(data, 0, expected, 0, data.length);
            System.arraycopy(data, 0, expected, data.length + 4096, data.length);
            return ok && Arrays.equals(Files.readAllBytes(file), expected)
                    && (int) Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS) == (0100000 | 0641)
                    && Files.getLastModifiedTime(file).equals(FileTime.fromMillis(1_000_000_000_000L))
                    && createNew(AT_FDCWD, PathBytes.of(file.toAbsolutePath()), 0600) < 0;
        } catch (IOException | RuntimeException e) {
            return false;
        } finally {
            if (dir != null) {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException e) {
                    // a scratch dir left behind costs nothing
                }
            }
        }
    }
}
