package camelback.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The processes of one process group, read from Linux's {@code /proc}: the JDK names a process's parent and children,
 * not its group, and a child that double-forked to detach is in neither any more.
 */
final class ProcessGroup {
    private ProcessGroup() {
    }

    /** The live processes whose process group is {@code pgid}. */
    static List<ProcessHandle> members(long pgid) {
        return ProcessHandle.allProcesses().filter(p -> groupOf(p.pid()).filter(g -> g == pgid).isPresent()).toList();
    }

    /** The process group of {@code pid}, empty when it is gone or /proc cannot say. */
    static Optional<Long> groupOf(long pid) {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        // pid (comm) state ppid pgrp ...: comm may hold spaces and parentheses, so fields count from the last ')'
        int end = stat.lastIndexOf(')');
        if (end < 0) {
            return Optional.empty();
        }
        String[] fields = stat.substring(end + 1).trim().split(" ");
        try {
            return fields.length > 2 ? Optional.of(Long.parseLong(fields[2])) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
