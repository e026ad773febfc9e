package camelback.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The restore's plaintext budget: a volume the reader is not waiting for leaves a reserve and waits for a busy reader;
 * the volume the reader waits for uses the reserve, and spills only when the whole budget is held.
 */
@Timeout(60) // a take that never returns fails the test instead of hanging the build
class PlaintextMemoryTest {
    private static final Object FULL_VOLUME = "full vol1";
    private static final Object FIRST_INCREMENT = "inc 1 vol1";
    private static final Object INCREMENT_VOLUME = "inc 2 vol1";
    // a thread per waiting take: the common pool may have just one on a small machine
    private static final ExecutorService DECODERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-decoder");
        t.setDaemon(true);
        return t;
    });

    @Test
    void handsOutChunksUpToTheBudgetLessTheReserveAndReusesGivenOnes() throws Exception {
        PlaintextMemory memory = new PlaintextMemory(4, 16, 1);
        byte[] first = memory.take(FULL_VOLUME);
        byte[] second = memory.take(FULL_VOLUME);
        memory.take(FULL_VOLUME);
        CompletableFuture<byte[]> fourth = takeAsync(memory, FULL_VOLUME);
        assertThat(stillWaiting(fourth)).as("the fourth chunk is the reserve").isTrue();

        memory.give(FULL_VOLUME, first);

        assertThat(fourth.get(10, TimeUnit.SECONDS)).isSameAs(first).hasSize(16);
        assertThat(second).isNotSameAs(first);
    }

    @Test
    void theVolumeTheReaderWaitsForGetsTheReserveWhileTheOtherKeepsWaiting() throws Exception {
        PlaintextMemory memory = new PlaintextMemory(4, 16, 1);
        fullVolumeHolds(memory, 3);
        CompletableFuture<byte[]> full = takeAsync(memory, FULL_VOLUME);
        memory.decodes(INCREMENT_VOLUME);

        memory.readerWaits(INCREMENT_VOLUME);

        assertThat(memory.take(INCREMENT_VOLUME)).as("the reserve").isNotNull();
        assertThat(stillWaiting(full)).as("the full volume does not spill: the reader is not waiting for it").isTrue();
    }

    @Test
    void theVolumeTheReaderWaitsForDoesNotRunAheadIntoTheReserve() throws Exception {
        PlaintextMemory memory = new PlaintextMemory(4, 16, 1);
        fullVolumeHolds(memory, 2);
        memory.decodes(INCREMENT_VOLUME);
        memory.readerWaits(INCREMENT_VOLUME);
        memory.take(INCREMENT_VOLUME);

        CompletableFuture<byte[]> second = takeAsync(memory, INCREMENT_VOLUME);

        assertThat(stillWaiting(second)).as("its queued chunk is what the reader gets next").isTrue();
        memory.give(FULL_VOLUME, new byte[16]);
        assertThat(second.get(10, TimeUnit.SECONDS)).as("below the reserve again").hasSize(16);
    }

    @Test
    void theVolumeTheReaderWaitsForSpillsWhenOthersHoldTheWholeBudget() throws Exception {
        PlaintextMemory memory = new PlaintextMemory(4, 16, 1);
        fullVolumeHolds(memory, 3);
        memory.decodes(FIRST_INCREMENT);
        memory.readerWaits(FIRST_INCREMENT);
        memory.take(FIRST_INCREMENT); // the reader then read its entry's header and went on to the next set's
        memory.decodes(INCREMENT_VOLUME);

        memory.readerWaits(INCREMENT_VOLUME);

        assertThat(memory.take(INCREMENT_VOLUME)).as("null = spill to the temp file").isNull();
        memory.readerResumes();
        assertThat(stillWaiting(takeAsync(memory, INCREMENT_VOLUME))).as("no spill once the reader goes on").isTrue();
    }

    @Test
    void aWaitingDecoderTakesTheReserveAsSoonAsTheReaderWaitsForItsVolume() throws Exception {
        PlaintextMemory memory = new PlaintextMemory(2, 16, 1);
        CompletableFuture<byte[]> increment = incrementWaitingBehindTheFullVolume(memory);
        memory.decodes(INCREMENT_VOLUME);

        memory.readerWaits(INCREMENT_VOLUME);

        assertThat(increment.get(10, TimeUnit.SECONDS)).hasSize(16);
    }

    @Test
    void decodersHoldingTheThreadsSpillWhileTheReaderWaitsForAVolumeWithoutOne() throws Exception {
        PlaintextMemory memory = new PlaintextMemory(4, 16, 1);
        memory.decodes(FULL_VOLUME);
        fullVolumeHolds(memory, 3);
        CompletableFuture<byte[]> full = takeAsync(memory, FULL_VOLUME);
        assertThat(stillWaiting(full)).isTrue();

        memory.readerWaits(INCREMENT_VOLUME);

        assertThat(full.get(10, TimeUnit.SECONDS)).as("null = spill, so its thread comes free").isNull();
        memory.decodes(INCREMENT_VOLUME);
        assertThat(stillWaiting(takeAsync(memory, FULL_VOLUME))).as("no spill once the increment has a thread").isTrue();
    }

    @Test
    void aDecoderWaitingForMemoryStopsWaitingWhenItsVolumeIsDropped() throws Exception {
        PlaintextMemory memory = new PlaintextMemory(2, 16, 1);
        CompletableFuture<byte[]> increment = incrementWaitingBehindTheFullVolume(memory);

        memory.drop(INCREMENT_VOLUME);

        assertThat(increment.get(10, TimeUnit.SECONDS)).as("null: nothing more to decode into memory").isNull();
    }

    @Test
    void refusesABudgetWithoutRoomForAReserve() {
        assertThatThrownBy(() -> new PlaintextMemory(1, 16, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void fullVolumeHolds(PlaintextMemory memory, int chunks) throws Exception {
        for (int i = 0; i < chunks; i++) {
            assertThat(memory.take(FULL_VOLUME)).isNotNull();
        }
    }

    /** The full volume holds all a 2-chunk budget leaves outside the reserve; the increment's decoder waits. */
    private static CompletableFuture<byte[]> incrementWaitingBehindTheFullVolume(PlaintextMemory memory) throws Exception {
        memory.take(FULL_VOLUME);
        CompletableFuture<byte[]> increment = takeAsync(memory, INCREMENT_VOLUME);
        assertThat(stillWaiting(increment)).isTrue();
        return increment;
    }

    private static boolean stillWaiting(CompletableFuture<byte[]> decoder) throws InterruptedException, ExecutionException {
        try {
            decoder.get(200, TimeUnit.MILLISECONDS);
            return false;
        } catch (TimeoutException e) {
            return true;
        }
    }

    private static CompletableFuture<byte[]> takeAsync(PlaintextMemory memory, Object volume) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return memory.take(volume);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, DECODERS);
    }
}
