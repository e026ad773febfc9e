package camelback.camel;

import camelback.archive.PlainVolume;
import org.apache.camel.Exchange;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Stages "split volumes", "signatures" and "manifest": hands the set writer's plain files to the
 * route one at a time and records what was stored, so the manifest can only follow its volumes.
 */
public final class SetFiles {
    private final StoredFileEncoder encoder;
    private final ActiveRuns runs;

    public SetFiles(StoredFileEncoder encoder, ActiveRuns runs) {
        this.encoder = encoder;
        this.runs = runs;
    }

    /** The split expression: volumes are cut one after another on the writer's thread, each read as it grows. */
    public Iterator<PlainVolume> volumes(Exchange exchange) {
        BackupRun run = run(exchange);
        Iterator<PlainVolume> volumes = run.writer().volumesCutAhead();
        return new Iterator<>() {
            private PlainVolume taken;

            /*
             * Camel's splitter asks hasNext() before it hands the current volume on, and the answer waits for that
             * volume's cut and starts the next one's: the next volume's encoding is started here too, so it reads
             * the volume while it is cut instead of after the current one is stored.
             */
            @Override
            public boolean hasNext() {
                if (taken != null) {
                    // Camel's splitter takes a true answer as a promise: asked again before next(), a false would end
                    // the split at once, without waiting for the volumes in flight.
                    return true;
                }
                if (runs.stopping()) {
                    // The daemon's grace period is over: the run ends as failed once the volumes in flight have.
                    run.volumeFailed(new RunStoppedException("camelback is stopping: the set was ended before volume "
                            + (run.currentVolume().get() + 1)));
                }
                if (run.volumeFailure() != null) {
                    // The set cannot be completed: nothing more is cut.
                    return false;
                }
                if (taken == null && volumes.hasNext()) {
                    PlainVolume volume = volumes.next();
                    run.encodeAhead(volume.number(), () -> encoder.encodeVolume(run, volume));
                    taken = volume;
                }
                if (taken == null) {
                    try {
                        run.cacheSignaturesAhead();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                return taken != null;
            }

            @Override
            public PlainVolume next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                PlainVolume volume = taken;
                taken = null;
                run.currentVolume().set(volume.number());
                run.uploadBegins();
                return volume;
            }
        };
    }

    /** After a volume's upload: its hash and size go to the manifest; the stored copy is dropped. */
    public void stored(Exchange exchange) throws IOException {
        PlainVolume volume = exchange.getProperty(StoredFileEncoder.VOLUME_PROPERTY, PlainVolume.class);
        Path stored = exchange.getProperty(StoredFileEncoder.STORED_PROPERTY, Path.class);
        String sha1 = exchange.getProperty(StoredFileEncoder.STORED_SHA1_PROPERTY, String.class);
        long size = exchange.getMessage().getHeader("CamelAwsS3ContentLength", Long.class);
        run(exchange).writer().stored(volume, sha1, size);
        // A file:// upload moved it already; any other store read a copy.
        Files.deleteIfExists(stored);
    }

    /**
     * A volume could not be encoded, uploaded or recorded: the first such failure is kept for {@link #allStored}, an
     * upload's as the store's error naming the volume (this exchange is the only one that knows it).
     */
    public void volumeFailed(Exchange exchange) {
        BackupRun run = run(exchange);
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        Throwable translated = UploadFailures.translate(failure, run.job(), exchange);
        run.volumeFailed(translated instanceof Exception e ? e : failure);
    }

    /** After the split, whose volumes in flight have all ended: fails the run with the first volume's failure. */
    public void allStored(Exchange exchange) throws Exception {
        Exception failure = run(exchange).volumeFailure();
        if (failure != null) {
            throw failure;
        }
    }

    public void signatures(Exchange exchange) throws IOException {
        exchange.getMessage().setBody(run(exchange).writer().signatures());
        exchange.getMessage().setHeader(StoredFileEncoder.KIND_HEADER, "signatures");
    }

    public void manifest(Exchange exchange) throws IOException {
        dropStored(exchange);
        exchange.getMessage().setBody(run(exchange).writer().manifest());
        exchange.getMessage().setHeader(StoredFileEncoder.KIND_HEADER, "manifest");
    }

    /** After the manifest's upload: the set is complete. */
    public void complete(Exchange exchange) throws Exception {
        dropStored(exchange);
        BackupRun run = run(exchange);
        String suffix = run.job().encryption().suffix();
        run.cache().putGzippedSignatures(run.setName().signatures(suffix), run.cachedSignatures());
        run.cache().putManifest(run.setName().manifest(suffix), run.writer().manifest());
        run.complete();
    }

    private static void dropStored(Exchange exchange) throws IOException {
        Path stored = exchange.getProperty(StoredFileEncoder.STORED_PROPERTY, Path.class);
        if (stored != null) {
            Files.deleteIfExists(stored);
        }
    }

    private static BackupRun run(Exchange exchange) {
        return exchange.getProperty(BackupRun.PROPERTY, BackupRun.class);
    }
}
