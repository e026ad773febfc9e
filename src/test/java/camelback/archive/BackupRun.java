package camelback.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Runs a full backup as the job layer would, gzipping each file into a target folder; keeps plain copies for checks. */
final class BackupRun {
    final Path target;
    final Path plain;
    final List<PlainVolume> volumes = new ArrayList<>();
    final BackupStatistics stats = new BackupStatistics();
    ArchiveFileName.SetName setName;

    BackupRun(Path parent) throws IOException {
        this.target = Files.createDirectories(parent.resolve("target"));
        this.plain = Files.createDirectories(parent.resolve("plain"));
    }

    BackupRun full(BackupOptions options, long time, FileOpener opener) throws IOException {
        try (BackupSetWriter writer = BackupSetWriter.full(options, time, stats, opener)) {
            setName = writer.setName();
            Iterator<PlainVolume> it = writer.volumes();
            while (it.hasNext()) {
                PlainVolume v = it.next();
                volumes.add(v);
                Path gz = VectorFiles.gzip(v.file(), target.resolve(setName.volume(v.number(), ".gz")));
                writer.stored(v, gz);
                Files.move(v.file(), plain.resolve(setName.volume(v.number(), "")));
            }
            Path sigs = writer.signatures();
            VectorFiles.gzip(sigs, target.resolve(setName.signatures(".gz")));
            Files.copy(sigs, plain.resolve(setName.signatures("")));
            Files.copy(writer.manifest(), target.resolve(setName.manifest(".gz")), StandardCopyOption.REPLACE_EXISTING);
        }
        return this;
    }

    byte[] plainVolume(int n) throws IOException {
        return Files.readAllBytes(plain.resolve(setName.volume(n, "")));
    }

    byte[] plainSignatures() throws IOException {
        return Files.readAllBytes(plain.resolve(setName.signatures("")));
    }

    byte[] manifest() throws IOException {
        return Files.readAllBytes(target.resolve(setName.manifest("")));
    }
}
