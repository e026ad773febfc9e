package camelback.camel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.camel.CamelExecutionException;
import org.junit.jupiter.api.Test;

class ErrorMessagesTest {

    @Test
    void findsAFullDiskAnywhereInTheCauses() {
        IOException enospc = new IOException("No space left on device");
        Throwable wrapped = new CamelExecutionException("split failed", null,
                new UncheckedIOException(new IOException("cannot write vol1", enospc)));

        assertThat(camelback.archive.DiskFull.isCause(wrapped)).isTrue();
        assertThat(camelback.archive.DiskFull.isCause(new IOException("Permission denied"))).isFalse();
    }

    @Test
    void takesAnExceededQuotaForAFullDisk() {
        IOException edquot = new java.nio.file.FileSystemException("/home/backup/tmp/fetch-1.part: Disk quota exceeded");

        assertThat(camelback.archive.DiskFull.reason(new IOException("cannot write", edquot))).isEqualTo("Disk quota exceeded");
    }

    @Test
    void describesTheCauseUnderCamelsWrapping() {
        Throwable wrapped = new CamelExecutionException("split failed", null,
                new UncheckedIOException(new IOException("cannot write vol1 into the work dir /w: the disk is full")));

        assertThat(ErrorMessages.describe(wrapped)).isEqualTo("cannot write vol1 into the work dir /w: the disk is full");
    }
}
