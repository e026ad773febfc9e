package camelback.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** duplicity's file prefixes: how names are written on the target, and which names a job reads back. */
class FilePrefixesTest {
    private static final FilePrefixes HOST1 = new FilePrefixes("host1_", "vol-", "man-", "sig-");

    @Test
    void namesOnTheTargetCarryTheFilePrefixThenTheirTypesPrefix() {
        assertThat(HOST1.stored("duplicity-full.20240102T030405Z.vol1.difftar.gpg"))
                .isEqualTo("host1_vol-duplicity-full.20240102T030405Z.vol1.difftar.gpg");
        assertThat(HOST1.stored("duplicity-inc.20240102T030405Z.to.20240103T030405Z.vol2.difftar.gz"))
                .isEqualTo("host1_vol-duplicity-inc.20240102T030405Z.to.20240103T030405Z.vol2.difftar.gz");
        assertThat(HOST1.stored("duplicity-full.20240102T030405Z.manifest.gpg"))
                .isEqualTo("host1_man-duplicity-full.20240102T030405Z.manifest.gpg");
        assertThat(HOST1.stored("duplicity-full-signatures.20240102T030405Z.sigtar.gpg"))
                .isEqualTo("host1_sig-duplicity-full-signatures.20240102T030405Z.sigtar.gpg");
        assertThat(HOST1.stored("duplicity-new-signatures.20240102T030405Z.to.20240103T030405Z.sigtar.gz"))
                .isEqualTo("host1_sig-duplicity-new-signatures.20240102T030405Z.to.20240103T030405Z.sigtar.gz");
        assertThat(HOST1.stored("notes.txt")).isEqualTo("host1_notes.txt");
    }

    @Test
    void readsBackExactlyTheNamesItWrites() {
        for (String name : new String[] {"duplicity-full.20240102T030405Z.vol1.difftar.gpg",
                "duplicity-full.20240102T030405Z.manifest", "duplicity-full-signatures.20240102T030405Z.sigtar.gz",
                "duplicity-inc.20240102T030405Z.to.20240103T030405Z.manifest.gpg", "df.s6m5ut.1.dt.g", "notes.txt"}) {
            assertThat(HOST1.visible(HOST1.stored(name))).as(name).contains(name);
        }
    }

    @Test
    void hidesTheSetsOfOtherPrefixesAndOfNone() {
        assertThat(HOST1.visible("duplicity-full.20240102T030405Z.vol1.difftar.gpg")).isEmpty();
        assertThat(HOST1.visible("host2_vol-duplicity-full.20240102T030405Z.vol1.difftar.gpg")).isEmpty();
        // the file prefix alone: the type's prefix is missing, so it is another configuration's volume
        assertThat(HOST1.visible("host1_duplicity-full.20240102T030405Z.vol1.difftar.gpg")).isEmpty();
        // a manifest under the volumes' prefix is not ours either
        assertThat(HOST1.visible("host1_vol-duplicity-full.20240102T030405Z.manifest.gpg")).isEmpty();

        FilePrefixes fileOnly = new FilePrefixes("host1_", null, null, null);
        assertThat(fileOnly.visible("host1_duplicity-full.20240102T030405Z.manifest.gpg"))
                .contains("duplicity-full.20240102T030405Z.manifest.gpg");
        assertThat(fileOnly.visible("duplicity-full.20240102T030405Z.manifest.gpg")).isEmpty();
    }

    @Test
    void prefixesThatWouldMakeAPathAreRefused() {
        assertThatThrownBy(() -> new FilePrefixes("hosts/host1_", null, null, null)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("file-prefix 'hosts/host1_'").hasMessageContaining("'/'");
        assertThatThrownBy(() -> new FilePrefixes(null, "a\nb", null, null)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("file-prefix-archive");
        assertThat(new FilePrefixes(null, null, null, null).none()).isTrue();
    }
}
