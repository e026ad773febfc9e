package camelback.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import camelback.archive.PlainVolume;
import camelback.job.Secrets;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The volumes the split goes over, as Camel's splitter asks for them, when a volume fails meanwhile. */
class SetFilesTest {
    @TempDir
    Path tmp;

    @Test
    void aVolumeAnnouncedBeforeAFailureIsStillHandedOnSoTheSplitWaitsForTheVolumesInFlight() throws Exception {
        BackupRun run = new RunFixture(tmp).run;
        DefaultCamelContext context = new DefaultCamelContext();
        StoredFileEncoder encoder = new StoredFileEncoder(Secrets.of(Map.of(), null), context);
        Exchange exchange = new DefaultExchange(context);
        exchange.setProperty(BackupRun.PROPERTY, run);
        try {
            Iterator<PlainVolume> volumes = new SetFiles(encoder, new ActiveRuns()).volumes(exchange);
            assertThat(volumes.hasNext()).isTrue();

            run.volumeFailed(new IOException("volume 0 could not be uploaded"));

            // Camel asks again before it takes the element; a changed answer would end the split at once.
            assertThat(volumes.hasNext()).isTrue();
            PlainVolume volume = volumes.next();
            assertThat(volume.number()).isEqualTo(1);
            assertThat(volumes.hasNext()).as("nothing more is cut after the failure").isFalse();

            Exchange handedOn = new DefaultExchange(context);
            handedOn.setProperty(BackupRun.PROPERTY, run);
            handedOn.getMessage().setBody(volume);
            assertThatThrownBy(() -> encoder.encode(handedOn)).hasMessage("volume 1 not stored: an earlier volume failed");
        } finally {
            run.close();
        }
    }
}
