package camelback.camel;

import camelback.archive.RestoreOptions;
import camelback.archive.Restorer;
import camelback.job.JobConfigs;
import camelback.job.Secrets;
import camelback.job.TargetAccess;
import camelback.job.TimeSpec;
import camelback.testing.TreeAssertions;
import camelback.testing.Vectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Properties;

/** Our restore of duplicity's own full sets (vectors a, b, c) equals source-v1. */
class RestoresDuplicityVectorsTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"a-noenc", "b-symmetric", "c-pubkey"})
    void restoresTheFullSetOfADuplicityVector(String vector) throws Exception {
        Path expected = Vectors.extractSource(1, tmp.resolve("v1"));
        Secrets secrets = Secrets.of(Map.of("PASSPHRASE", Vectors.PASSPHRASE), null);
        JobConfigs none = JobConfigs.load(new Properties(), tmp, secrets);
        long fullTime = TimeSpec.parse(Vectors.FULL_TIME, 0, ZoneOffset.UTC);
        try (TargetAccess access = TargetAccess.open(none, "file://" + Vectors.target(vector),
                vector.startsWith("c") ? Vectors.secretKey() : null, null, secrets)) {
            Path dest = tmp.resolve("restored");
            new Restorer(access.source()).restore(new RestoreOptions(dest, fullTime, null, false, false));
            TreeAssertions.assertSameTree(expected, dest);
        }
    }
}
