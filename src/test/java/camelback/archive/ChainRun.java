package camelback.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Writes sets of one chain as the job layer would (gzip, names from setName()) into a target
 * folder, keeping plain copies and the chain's signature files for the next incremental.
 */
final class ChainRun {
    final Path target;
    final Path plain;
    final List<Path> chainSignatures = new ArrayList<>();
    long endTime;
    ArchiveFileName.SetName lastSet;
    BackupStatistics lastStats;
    List<PlainVolume> lastVolumes;

    ChainRun(Path target, Path plain) throws IOException {
        this.target = Files.createDirectories(target);
        this.plain = Files.createDirectories(plain);
    }

    /** Continues a chain written by someone else: its sigtars in chain order and its end time. */
    ChainRun continuing(List<Path> signatures, long chainEnd) {
        chainSignatures.addAll(signatures);
        endTime = chainEnd;
        return this;
    }

    ChainRun full(BackupOptions options, long time) throws IOException {
        BackupStatistics stats = new BackupStatistics();
        try (BackupSetWriter writer = BackupSetWriter.full(options, time, stats)) {
            write(writer, stats);
        }
        endTime = time;
        return this;
    }

    ChainRun incremental(BackupOptions options, long time) throws IOException {
        return incremental(options, time, FileOpener.DEFAULT);
    }

    ChainRun incremental(BackupOptions options, long time, FileOpener opener) throws IOException {
        BackupStatistics stats = new BackupStatistics();
        try (BackupSetWriter writer = BackupSetWriter.incremental(options, List.copyOf(chainSignatures), endTime, time,
                stats, opener)) {
            write(writer, stats);
        }
        endTime = time;
        return this;
    }

    private void write(BackupSetWriter writer, BackupStatistics stats) throws IOException {
        lastSet = writer.setName();
        lastStats = stats;
        lastVolumes = new ArrayList<>();
        Iterator<PlainVolume> it = writer.volumes();
        while (it.hasNext()) {
            PlainVolume v = it.next();
            lastVolumes.add(v);
            Path gz = VectorFiles.gzip(v.file(), target.resolve(lastSet.volume(v.number(), ".gz")));
            writer.stored(v, gz);
            Files.move(v.file(), plain.resolve(lastSet.volume(v.number(), "")));
        }
        Path sigs = writer.signatures();
        Path stored = VectorFiles.gzip(sigs, target.resolve(lastSet.signatures(".gz")));
        Files.copy(sigs, plain.resolve(lastSet.signatures("")));
        Files.copy(writer.manifest(), target.resolve(lastSet.manifest("")), StandardCopyOption.REPLACE_EXISTING);
        chainSignatures.add(stored);
    }

    byte[] plainVolume(int n) throws IOException {
        return Files.readAllBytes(plain.resolve(lastSet.volume(n, "")));
    }

    byte[] plainSignatures() throws IOException {
        return Files.readAllBytes(plain.resolve(lastSet.signatures("")));
    }

    String manifest() throws IOException {
        return Files.readString(target.resolve(lastSet.manifest("")));
    }
}
