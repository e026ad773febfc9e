package camelback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * bin/camelback records its class-data-sharing archive from {@code warmup} once per build and drops the archive when
 * warmup fails, so a broken warmup would only show as slower starts: here it must succeed, through every kind of run
 * it exercises (passphrase and public-key backups, an incremental, restores of both).
 */
class WarmupCommandTest {

    @Test
    void warmupRunsAPassphraseAndAPublicKeyChainAndRestoresBoth() {
        assertThat(CamelbackCommand.execute("warmup")).isZero();
    }
}
