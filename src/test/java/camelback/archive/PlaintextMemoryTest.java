package camelback.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** The restore's plaintext budget: the decoder waits for a busy reader and spills for a waiting one. */
class PlaintextMemoryTest {
    @Test
    void handsOutChunksUpToTheBudgetAndReusesGivenOnes() throws IOException {
        PlaintextMemory memory = new PlaintextMemory(2, 16);
        byte[] first = memory.take();
        byte[] second = memory.take();
        memory.give(first);

        assertThat(memory.take()).isSameAs(first).hasSize(16);
        assertThat(second).isNotSameAs(first);
    }

    @Test
    void aFullBudgetMakesTheDecoderWaitUntilTheReaderGivesAChunkBack() throws Exception {
        PlaintextMemory memory = new PlaintextMemory(1, 16);
        byte[] held = memory.take();
        CompletableFuture<byte[]> decoder = CompletableFuture.supplyAsync(() -> take(memory));

        assertThat(stillWaiting(decoder)).isTrue();
        memory.give(held);

        assertThat(decoder.get(10, TimeUnit.SECONDS)).isSameAs(held);
    }

    @Test
    void aFullBudgetMakesTheDecoderSpillOnceTheReaderWaitsForPlaintext() throws Exception {
        PlaintextMemory memory = new PlaintextMemory(1, 16);
        memory.take();
        CompletableFuture<byte[]> decoder = CompletableFuture.supplyAsync(() -> take(memory));
        assertThat(stillWaiting(decoder)).isTrue();

        memory.readerWaits();

        assertThat(decoder.get(10, TimeUnit.SECONDS)).as("null = spill to the temp file").isNull();
        memory.readerResumes();
        assertThat(stillWaiting(CompletableFuture.supplyAsync(() -> take(memory)))).isTrue();
    }

    private static boolean stillWaiting(CompletableFuture<byte[]> decoder) throws InterruptedException, ExecutionException {
        try {
            decoder.get(200, TimeUnit.MILLISECONDS);
            return false;
        } catch (TimeoutException e) {
            return true;
        }
    }

    private static byte[] take(PlaintextMemory memory) {
        try {
            return memory.take();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
