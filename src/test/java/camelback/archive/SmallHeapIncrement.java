package camelback.archive;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Child-JVM entry point for the bounded-memory test: runs one incremental and prints its counters.
 * Arguments: source, work dir, start time, end time, signature files in chain order.
 */
final class SmallHeapIncrement {
    private SmallHeapIncrement() {
    }

    public static void main(String[] args) throws Exception {
        Path source = Path.of(args[0]);
        Path work = Path.of(args[1]);
        List<Path> signatures = new ArrayList<>();
        for (int i = 4; i < args.length; i++) {
            signatures.add(Path.of(args[i]));
        }
        BackupStatistics stats = new BackupStatistics();
        int volumes = 0;
        try (BackupSetWriter writer = BackupSetWriter.incremental(new BackupOptions(source, null, null, 1 << 20, work),
                signatures, Long.parseLong(args[2]), Long.parseLong(args[3]), stats)) {
            Iterator<PlainVolume> it = writer.volumes();
            while (it.hasNext()) {
                PlainVolume v = it.next();
                writer.stored(v, v.file());
                Files.delete(v.file());
                volumes++;
            }
            writer.signatures();
            writer.manifest();
        }
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.println("volumes=" + volumes + " sourceFiles=" + stats.sourceFiles() + " changed=" + stats.changedFiles()
                + " new=" + stats.newFiles() + " deleted=" + stats.deletedFiles() + " errors=" + stats.errors()
                + " peakHeapMiB=" + peak / (1 << 20));
    }
}
